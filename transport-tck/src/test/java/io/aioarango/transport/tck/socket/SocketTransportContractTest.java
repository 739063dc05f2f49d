package io.aioarango.transport.tck.socket;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.TransportContractTest;

/** A transport written against the SPI alone passes the contract suite. */
class SocketTransportContractTest extends TransportContractTest {
    @Override
    protected TransportProvider provider() {
        return new SocketTransportProvider();
    }
}
