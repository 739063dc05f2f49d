package io.aioarango.transport.netty;

import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.tck.HostileServerContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The netty transport against hostile servers, with Netty's leak detector at PARANOID. */
@ExtendWith(NettyLeaks.Check.class)
class NettyHostileServerContractTest extends HostileServerContractTest {

    @Override
    protected TransportProvider provider() {
        return new NettyTransportProvider();
    }
}
