package io.aioarango.transport.jdk;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.TransportContractTest;

/** The jdk transport against the shared transport contract. */
class JdkTransportContractTest extends TransportContractTest {

    @Override
    protected TransportProvider provider() {
        return new JdkTransportProvider();
    }

    /** java.net.http has no way to close a client before Java 21 (HttpClient.shutdownNow). */
    @Override
    protected boolean closeEndsEveryThread() {
        return Runtime.version().feature() >= 21;
    }
}
