package io.aioarango.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.spi.TransportProvider;
import io.aioarango.transport.tck.TransportContractTest;
import org.junit.jupiter.api.AfterAll;

/** The netty transport against the shared transport contract, with Netty's leak detector at PARANOID. */
class NettyTransportContractTest extends TransportContractTest {
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
