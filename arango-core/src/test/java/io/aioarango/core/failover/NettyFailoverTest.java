package io.aioarango.core.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/** Failover over the netty transport. */
class NettyFailoverTest extends FailoverTest {
    @Override
    protected String transport() {
        return "netty";
    }

    /**
     * Closing clients with requests and connections in flight must leave Netty's JVM-wide executor free:
     * closing a FixedChannelPool once blocked it for good.
     */
    @AfterAll
    static void nettysSharedExecutorIsFree() throws Exception {
        assertThat(GlobalEventExecutor.INSTANCE.submit(() -> "free").get(2, TimeUnit.SECONDS)).isEqualTo("free");
    }
}
