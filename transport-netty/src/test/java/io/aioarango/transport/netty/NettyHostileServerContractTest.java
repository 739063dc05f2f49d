package io.aioarango.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.spi.TransportProvider;
import io.aioarango.transport.tck.HostileServerContractTest;
import org.junit.jupiter.api.AfterAll;

/** The netty transport against hostile servers, with Netty's leak detector at PARANOID. */
class NettyHostileServerContractTest extends HostileServerContractTest {
    static {
        NettyLeaks.install();
    }

    @Override
    protected TransportProvider provider() {
        return new NettyTransportProvider();
    }

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        assertThat(NettyLeaks.reports()).isEmpty();
    }
}
