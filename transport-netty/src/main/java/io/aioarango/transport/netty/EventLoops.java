package io.aioarango.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The transport's own event loop group and the socket channel type that goes with it (native epoll when
 * the library loads, NIO otherwise), on the Netty line the application has: 4.2, which this module is
 * built against, or 4.1, which Spring Boot 3.x manages.
 *
 * <p>Netty 4.2 makes groups as {@code MultiThreadIoEventLoopGroup} with an {@code IoHandler} factory; 4.1
 * has neither type and makes them as {@code NioEventLoopGroup} / {@code EpollEventLoopGroup}, which 4.2
 * still has, deprecated. The line is told once, by whether {@code MultiThreadIoEventLoopGroup} is there;
 * each line's calls live in a nested class of their own, so that a class of the other line is never
 * loaded (on 4.1, {@link Netty42} is never touched). The channel types are the same in both lines.
 */
final class EventLoops {
    /** Whether the loaded Netty has 4.2's IO API; looked up once, without initialising anything. */
    static final boolean NETTY_42 = present("io.netty.channel.MultiThreadIoEventLoopGroup");

    private EventLoops() {
    }

    /**
     * A new group, on epoll when it is available and on NIO otherwise.
     *
     * @param threads       event loop threads, 1 or more
     * @param threadFactory makes them
     * @return the group and the channel type its connections must use; the caller shuts the group down
     */
    static Made create(int threads, ThreadFactory threadFactory) {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = NETTY_42 ? Netty42.group(threads, threadFactory, epoll)
                : Netty41.group(threads, threadFactory, epoll);
        return new Made(group, epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    }

    /**
     * A group and the socket channel type that goes with it.
     *
     * @param group       the event loop group
     * @param channelType the socket channel class of its connections
     */
    record Made(EventLoopGroup group, Class<? extends Channel> channelType) {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, EventLoops.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Netty 4.2's API: loaded only when {@link #NETTY_42} is true. */
    private static final class Netty42 {
        private Netty42() {
        }

        static EventLoopGroup group(int threads, ThreadFactory threadFactory, boolean epoll) {
            return new MultiThreadIoEventLoopGroup(threads, threadFactory,
                    epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        }
    }

    /** Netty 4.1's API, the only one it has. */
    private static final class Netty41 {
        private Netty41() {
        }

        // Deprecated in 4.2 (which is what this module compiles against) in favour of the IoHandler API above;
        // used only where that API is absent, i.e. on 4.1, where these classes are the current ones.
        @SuppressWarnings("deprecation")
        static EventLoopGroup group(int threads, ThreadFactory threadFactory, boolean epoll) {
            return epoll ? new EpollEventLoopGroup(threads, threadFactory)
                    : new NioEventLoopGroup(threads, threadFactory);
        }
    }
}
