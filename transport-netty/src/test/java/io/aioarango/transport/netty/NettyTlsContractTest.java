package io.aioarango.transport.netty;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.TlsContractTest;

/** The netty transport against the TLS contract. */
class NettyTlsContractTest extends TlsContractTest {
    @Override
    protected TransportProvider provider() {
        return new NettyTransportProvider();
    }
}
