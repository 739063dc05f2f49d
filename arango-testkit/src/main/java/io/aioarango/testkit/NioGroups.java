package io.aioarango.testkit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ThreadFactory;

/**
 * The cluster's NIO event loop group, on the Netty line the test has: 4.2, which the testkit is built
 * against, or 4.1, which Spring Boot 3.x manages. 4.2 makes it as {@code MultiThreadIoEventLoopGroup} with
 * {@code NioIoHandler}, types 4.1 does not have; 4.1 as {@code NioEventLoopGroup}, which 4.2 keeps,
 * deprecated. The line is told once, by whether 4.2's type is there, and 4.2's calls are in a class of
 * their own that is never loaded on 4.1.
 */
final class NioGroups {
    private static final boolean NETTY_42 = netty42();

    private NioGroups() {
    }

    static EventLoopGroup create(int threads, ThreadFactory threadFactory) {
        return NETTY_42 ? Netty42.create(threads, threadFactory) : netty41(threads, threadFactory);
    }

    // Deprecated in 4.2, which the testkit compiles against; only called on 4.1, where it is the current API.
    @SuppressWarnings("deprecation")
    private static EventLoopGroup netty41(int threads, ThreadFactory threadFactory) {
        return new NioEventLoopGroup(threads, threadFactory);
    }

    private static boolean netty42() {
        try {
            Class.forName("io.netty.channel.MultiThreadIoEventLoopGroup", false, NioGroups.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static final class Netty42 {
        private Netty42() {
        }

        static EventLoopGroup create(int threads, ThreadFactory threadFactory) {
            return new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
        }
    }
}
