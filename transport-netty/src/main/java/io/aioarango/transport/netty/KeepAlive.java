package io.aioarango.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;

/**
 * TCP keep-alive on every connection, tuned so that a coordinator that went silent (its host lost power, a
 * firewall drops its packets) is found within about 30 s, not after the kernel's default of over two hours
 * during which an idle pooled connection looks healthy and the next request sent on it waits for its
 * timeout.
 *
 * <p>The values, the same for every connection, none of them an option: 15 s of silence before the first
 * probe ({@link #IDLE_SECONDS}), then a probe every 5 s ({@link #INTERVAL_SECONDS}), and the connection is
 * given up after 3 unanswered ones ({@link #PROBES}): dead 30 s after the peer was last heard from. A probe
 * is an empty segment, one per connection per 15 s of silence; a live peer's kernel answers it even while
 * the server process is busy, and that answer starts the count again.
 *
 * <p>{@code TCP_USER_TIMEOUT} ({@link #USER_TIMEOUT_MILLIS}, 30 s; Linux, so epoll only) bounds how long
 * written data may stay unacknowledged before the kernel gives the connection up, where it would otherwise
 * retransmit for about 15 minutes: a request written to a peer that vanished then fails as a broken
 * connection within 30 s, before the default 60 s request timeout. It does not cut a long-running request:
 * the clock runs only while sent bytes wait for their acknowledgement, so once a request's bytes are
 * acknowledged the connection may wait for the answer as long as the request timeout allows, kept alive by
 * the probes above (sent only while nothing is unacknowledged, and answered by the server's kernel).
 * With keep-alive on, Linux also takes it in place of the probe count: it drops the connection at the
 * first unanswered probe once the peer has been silent that long; at 15 + 3 × 5 = 30 s both rules agree.
 * The one live peer it can cut is one that keeps its receive window shut, reading none of a request's body,
 * for 30 s (recent kernels count that too); ArangoDB reads a request whole before it works on it, so only a
 * stuck server does that.
 *
 * <p>What keep-alive cannot find is a peer whose kernel is alive while the server process is frozen: its
 * kernel answers the probes. Over HTTP/2 the session's PINGs ({@code http2PingInterval}) find it; over
 * HTTP/1.1 the request timeout does.
 *
 * <p>On NIO (other systems, or Linux without the native library) the JDK's extended socket options set the
 * same three keep-alive values where the platform supports them; {@code TCP_USER_TIMEOUT} has no JDK option.
 * Other channel types, which a group passed in may use, get {@code SO_KEEPALIVE} with the system's timings.
 */
final class KeepAlive {
    /** Seconds a connection may be silent before its first keep-alive probe. */
    static final int IDLE_SECONDS = 15;
    /** Seconds between unanswered probes. */
    static final int INTERVAL_SECONDS = 5;
    /** Unanswered probes after which the connection is given up. */
    static final int PROBES = 3;
    /** How long written data may stay unacknowledged: as long as the probes take to give up. */
    static final int USER_TIMEOUT_MILLIS = (IDLE_SECONDS + INTERVAL_SECONDS * PROBES) * 1000;

    private KeepAlive() {
    }

    /**
     * Sets keep-alive, and the timings the channel type can take, on every connection {@code bootstrap} makes.
     *
     * @param bootstrap   the bootstrap of a session's connections
     * @param channelType the socket channel class the bootstrap makes
     * @return {@code bootstrap}
     */
    static Bootstrap apply(Bootstrap bootstrap, Class<? extends Channel> channelType) {
        bootstrap.option(ChannelOption.SO_KEEPALIVE, true);
        if (EpollSocketChannel.class.isAssignableFrom(channelType)) {
            bootstrap.option(EpollChannelOption.TCP_KEEPIDLE, IDLE_SECONDS)
                    .option(EpollChannelOption.TCP_KEEPINTVL, INTERVAL_SECONDS)
                    .option(EpollChannelOption.TCP_KEEPCNT, PROBES)
                    .option(EpollChannelOption.TCP_USER_TIMEOUT, USER_TIMEOUT_MILLIS);
        } else if (NioSocketChannel.class.isAssignableFrom(channelType) && Nio.TIMINGS) {
            bootstrap.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), IDLE_SECONDS)
                    .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), INTERVAL_SECONDS)
                    .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), PROBES);
        }
        return bootstrap;
    }

    /** Whether this platform's NIO sockets take the keep-alive timings; asked once, of one unconnected socket. */
    static final class Nio {
        static final boolean TIMINGS = supported();

        private Nio() {
        }

        private static boolean supported() {
            try (SocketChannel probe = SocketChannel.open()) {
                Set<java.net.SocketOption<?>> options = probe.supportedOptions();
                return options.contains(ExtendedSocketOptions.TCP_KEEPIDLE)
                        && options.contains(ExtendedSocketOptions.TCP_KEEPINTERVAL)
                        && options.contains(ExtendedSocketOptions.TCP_KEEPCOUNT);
            } catch (IOException | RuntimeException e) { // no socket to ask (e.g. out of file descriptors)
                return false;
            }
        }
    }
}
