package io.aioarango.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.transport.spi.support.DaemonThreads;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On the Netty this build pins (4.2) the transport's own group is made with 4.2's API, not with the classes
 * 4.2 deprecates; examples/src/it/netty41-consumer runs the 4.1 side.
 */
class EventLoopsTest {

    @Test
    void onNetty42TheGroupIsAnIoHandlerGroup() {
        assertThat(EventLoops.NETTY_42).isTrue();
        EventLoops.Made made = EventLoops.create(1, DaemonThreads.named("event-loops-test-"));
        try {
            // Not a subclass: 4.2's NioEventLoopGroup and EpollEventLoopGroup extend this very class.
            assertThat(made.group().getClass()).isEqualTo(MultiThreadIoEventLoopGroup.class);
            assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();
            assertThat(made.channelType()).isEqualTo(EpollSocketChannel.class);
        } finally {
            assertThat(made.group().shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS))
                    .isTrue();
        }
    }
}
