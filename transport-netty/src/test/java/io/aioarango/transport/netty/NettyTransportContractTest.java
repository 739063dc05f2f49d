package io.aioarango.transport.netty;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.TransportContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The netty transport against the shared transport contract, with Netty's leak detector at PARANOID. */
@ExtendWith(NettyLeaks.Check.class)
class NettyTransportContractTest extends TransportContractTest {

    @Override
    protected TransportProvider provider() {
        return new NettyTransportProvider();
    }
}
