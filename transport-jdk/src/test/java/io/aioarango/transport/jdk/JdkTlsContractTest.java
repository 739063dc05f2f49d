package io.aioarango.transport.jdk;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.TlsContractTest;

/** The jdk transport against the TLS contract. */
class JdkTlsContractTest extends TlsContractTest {
    @Override
    protected TransportProvider provider() {
        return new JdkTransportProvider();
    }
}
