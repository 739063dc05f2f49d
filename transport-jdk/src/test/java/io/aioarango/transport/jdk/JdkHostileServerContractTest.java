package io.aioarango.transport.jdk;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.HostileServerContractTest;

/** The jdk transport against hostile servers. */
class JdkHostileServerContractTest extends HostileServerContractTest {

    @Override
    protected TransportProvider provider() {
        return new JdkTransportProvider();
    }

    /** java.net.http has no way to close a client before Java 21 (HttpClient.shutdownNow). */
    @Override
    protected boolean closeClosesIdleConnections() {
        return Runtime.version().feature() >= 21;
    }
}
