package io.aioarango.transport.tck.socket;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.HostileServerContractTest;

/** ... and the hostile half of it. */
class SocketTransportHostileServerTest extends HostileServerContractTest {
    @Override
    protected TransportProvider provider() {
        return new SocketTransportProvider();
    }
}
