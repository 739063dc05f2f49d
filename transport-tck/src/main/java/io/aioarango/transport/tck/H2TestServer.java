package io.aioarango.transport.tck;

import io.aioarango.api.Host;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/2 server on 127.0.0.1 that speaks cleartext HTTP/2 with prior knowledge (h2c), as ArangoDB does
 * on {@code http://}, built on Netty's {@link Http2FrameCodec}: the server side of the HTTP/2 cases of
 * {@link Http2ContractTest}.
 *
 * <p>It answers every request with {@code 200} and a body that names it: its path, as UTF-8, unless
 * {@link #body(String, byte[])} gives that path another body. Every answer carries the length and the
 * SHA-256 of the request body received ({@code x-body-length}, {@code x-body-sha256}, lowercase hex), so
 * that a test can check a large upload arrived byte-exact. Knobs change how it answers: a delay, requests
 * held until {@link #release()}, streams reset instead of answered, a stream limit, a GOAWAY after so many
 * streams, PINGs left unanswered. Counters show what the client did: connections, streams per connection,
 * streams open at once, the streams it reset, its PINGs.
 *
 * <p>Like ArangoDB's server (nghttp2), it refuses with {@code RST_STREAM(REFUSED_STREAM)} every stream
 * beyond its {@link #maxConcurrentStreams(int) stream limit}, also before the client has acknowledged the
 * SETTINGS frame that announces it (the client cannot know the limit then, and must retry such a stream:
 * it was not processed); a stream beyond the limit opened after the acknowledgement counts as a breach,
 * see {@link #streamsOverLimit()}.
 *
 * <p>Knobs may be set at any time and apply to requests (and, for the stream limit and the GOAWAY, to
 * connections) that arrive afterwards. One daemon event-loop thread ({@code tck-h2-server}) serves every
 * connection; {@link #close()} closes them all and ends the thread. A test tool, not a load tool.
 */
public final class H2TestServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel listener;
    private final List<H2TestConnection> accepted = new CopyOnWriteArrayList<>();
    private final Set<H2TestConnection> open = ConcurrentHashMap.newKeySet();

    private volatile int maxConcurrentStreams = Integer.MAX_VALUE;
    private volatile int goAwayAfter;
    private final H2TestScript script = new H2TestScript();

    // NioEventLoopGroup is in Netty 4.1 and 4.2 (there deprecated, a MultiThreadIoEventLoopGroup with an
    // NioIoHandler), so the suite runs on either line without telling them apart. It cannot share the testkit's
    // NioGroups, which does tell them apart: the testkit's own tests depend on this module.
    @SuppressWarnings("deprecation")
    private H2TestServer() {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("tck-h2-server", true));
        try {
            listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            accept(channel);
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            throw e;
        }
    }

    /**
     * Starts a server on a free port of 127.0.0.1, with no stream limit, no delay and nothing held or reset.
     *
     * @return the running server; close it when done
     */
    public static H2TestServer start() {
        return new H2TestServer();
    }

    // ---- knobs ------------------------------------------------------------------------------------

    /**
     * Sets the stream limit announced in the SETTINGS frame of connections accepted from now on
     * ({@code SETTINGS_MAX_CONCURRENT_STREAMS}); streams beyond it are refused.
     *
     * @param streams how many streams a connection may have open at once, at least 1; unlimited by default
     * @return this server
     * @throws IllegalArgumentException if {@code streams} is less than 1
     */
    public H2TestServer maxConcurrentStreams(int streams) {
        if (streams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams " + streams + " < 1");
        }
        this.maxConcurrentStreams = streams;
        return this;
    }

    /**
     * Makes every connection accepted from now on go away after its {@code streams}-th stream: on receiving
     * that stream the server sends {@code GOAWAY(NO_ERROR)} with that stream's id as last-stream-id, ignores
     * the streams the client opened after it (RFC 9113, section 6.8: they were not processed, so the client
     * may send them again anywhere), answers the streams it kept, then closes its side of the connection.
     *
     * @param streams the number of streams a connection carries, at least 1
     * @return this server
     * @throws IllegalArgumentException if {@code streams} is less than 1
     */
    public H2TestServer goAwayAfter(int streams) {
        if (streams < 1) {
            throw new IllegalArgumentException("goAwayAfter " + streams + " < 1");
        }
        this.goAwayAfter = streams;
        return this;
    }

    /**
     * Makes every answer wait (on the server's timer, not blocking) once the request has arrived whole.
     *
     * @param delay how long to wait; zero by default
     * @return this server
     */
    public H2TestServer delay(Duration delay) {
        script.delay = delay;
        return this;
    }

    /**
     * Leaves the client's PINGs unanswered from now on, or answers them again, as a server whose process froze
     * while its kernel keeps the connection (and acknowledges every byte): everything else goes on as before.
     *
     * @param answer whether to acknowledge PINGs; {@code true} by default
     * @return this server
     */
    public H2TestServer answerPings(boolean answer) {
        script.answerPings = answer;
        return this;
    }

    /**
     * Answers requests for {@code path} with {@code RST_STREAM(INTERNAL_ERROR)} once they have arrived whole,
     * instead of a response: the stream fails after the server may have acted on it.
     *
     * @param path the exact path, without the query
     * @return this server
     */
    public H2TestServer resetStream(String path) {
        script.resetPaths.add(path);
        return this;
    }

    /**
     * Holds requests whose path starts with {@code pathPrefix}, unanswered, until {@link #release()} (or until
     * the client resets the stream, or the connection closes).
     *
     * @param pathPrefix the start of the paths to hold
     * @return this server
     */
    public H2TestServer hold(String pathPrefix) {
        script.holdPrefixes.add(pathPrefix);
        return this;
    }

    /**
     * Answers every request held so far and holds no more: every {@link #hold(String)} is undone.
     *
     * @return this server
     */
    public H2TestServer release() {
        script.holdPrefixes.clear();
        for (H2TestConnection connection : open) {
            connection.release();
        }
        return this;
    }

    /**
     * Answers requests for {@code path} as soon as their HEADERS arrive, as a server refusing an upload does,
     * and never reads the rest of the body: it sends no WINDOW_UPDATE and no RST_STREAM for it.
     *
     * @param path the exact path, without the query
     * @return this server
     */
    public H2TestServer answerEarly(String path) {
        script.earlyPaths.add(path);
        return this;
    }

    /**
     * Answers requests for {@code path} with one more header, {@code x-big}, of {@code bytes} bytes.
     *
     * @param path  the exact path, without the query
     * @param bytes the header value's length
     * @return this server
     */
    public H2TestServer bigHeader(String path, int bytes) {
        script.bigHeaders.put(path, bytes);
        return this;
    }

    /**
     * Answers requests for {@code path} with {@code body} instead of the path's name, e.g. a body far larger
     * than the flow-control windows.
     *
     * @param path the exact path, without the query
     * @param body the body to send; not copied, so not to be changed afterwards
     * @return this server
     */
    public H2TestServer body(String path, byte[] body) {
        script.bodies.put(path, body);
        return this;
    }

    // ---- what the client did ----------------------------------------------------------------------

    /**
     * The port the server listens on.
     *
     * @return the port, on 127.0.0.1
     */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * The server as a coordinator to open a session to.
     *
     * @return {@code http://127.0.0.1:port}
     */
    public Host host() {
        return new Host("http", "127.0.0.1", port());
    }

    /**
     * Connections clients opened since the server started.
     *
     * @return the number of connections accepted
     */
    public int acceptedConnections() {
        return accepted.size();
    }

    /**
     * Connections open now: neither the client nor the server has closed them.
     *
     * @return the number of connections open
     */
    public int openConnections() {
        return open.size();
    }

    /**
     * The streams each connection carried, refused ones left out.
     *
     * @return one count per connection, in the order the connections were accepted
     */
    public List<Integer> streamsPerConnection() {
        return accepted.stream().map(H2TestConnection::streams).toList();
    }

    /**
     * The most streams one connection had open at once, refused ones left out: a stream counts from its
     * request's first frame until the server has written its answer's last or a reset closed it.
     *
     * @return the highest count seen on any connection
     */
    public int maxConcurrentStreamsSeen() {
        return script.maxConcurrentStreamsSeen.get();
    }

    /**
     * Streams the client opened beyond the stream limit after acknowledging the SETTINGS frame that announced
     * it: breaches of the protocol (RFC 9113, section 5.1.2), each refused.
     *
     * @return the number of such streams, over every connection
     */
    public int streamsOverLimit() {
        return script.streamsOverLimit.get();
    }

    /**
     * Streams open now (received, not yet answered whole nor reset), over every connection; held ones
     * included.
     *
     * @return the number of streams open
     */
    public int activeStreams() {
        int active = 0;
        for (H2TestConnection connection : open) {
            active += connection.activeStreams();
        }
        return active;
    }

    /**
     * How often each path was received on a stream the server kept (refused streams left out).
     *
     * @return path to count, sorted by path
     */
    public Map<String, Integer> received() {
        return snapshot(script.received);
    }

    /**
     * How often each path was answered with a response (resets left out).
     *
     * @return path to count, sorted by path
     */
    public Map<String, Integer> answered() {
        return snapshot(script.answered);
    }

    /**
     * The paths of the streams the client reset with {@code RST_STREAM}, in the order the resets arrived.
     *
     * @return the paths, one per reset
     */
    public List<String> resetsReceived() {
        return List.copyOf(script.resetsReceived);
    }

    /**
     * PING frames the client sent (not its acknowledgements of the server's), over every connection.
     *
     * @return the number of PINGs received
     */
    public int pingsReceived() {
        return script.pingsReceived.get();
    }

    /** Closes every connection at once, without GOAWAY, and the listening socket, and ends the thread. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((path, count) -> copy.put(path, count.get()));
        return copy;
    }

    private void accept(Channel channel) {
        int limit = maxConcurrentStreams;
        // Not Http2Settings.defaultSettings(), which announces a limit of 100 streams.
        Http2Settings settings = new Http2Settings();
        if (limit != Integer.MAX_VALUE) {
            settings.maxConcurrentStreams(limit);
        }
        // Closing the channel closes it at once; a GOAWAY is sent only when a test asks for one.
        // PINGs are acknowledged below, unless a test asks for silence.
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer().initialSettings(settings)
                .decoupleCloseAndGoAway(true).autoAckPingFrame(false).build();
        H2TestConnection connection = new H2TestConnection(codec, limit, goAwayAfter, script, open);
        // The channel is registered: adding the handler sets its context at once, before others can see it.
        channel.pipeline().addLast(codec, connection);
        accepted.add(connection);
        open.add(connection);
    }
}
