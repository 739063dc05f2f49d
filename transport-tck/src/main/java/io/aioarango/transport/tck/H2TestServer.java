package io.aioarango.transport.tck;

import io.aioarango.api.Host;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SettingsAckFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
    private final List<Connection> accepted = new CopyOnWriteArrayList<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    private volatile int maxConcurrentStreams = Integer.MAX_VALUE;
    private volatile int goAwayAfter;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean answerPings = true;
    private final Set<String> resetPaths = ConcurrentHashMap.newKeySet();
    private final Set<String> holdPrefixes = ConcurrentHashMap.newKeySet();
    /** Paths answered as soon as their HEADERS arrive, the body left unread (no WINDOW_UPDATE). */
    private final Set<String> earlyPaths = ConcurrentHashMap.newKeySet();
    /** Paths answered with one header of this many bytes besides the usual ones. */
    private final Map<String, Integer> bigHeaders = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final List<String> resetsReceived = new CopyOnWriteArrayList<>();
    private final AtomicInteger maxConcurrentStreamsSeen = new AtomicInteger();
    private final AtomicInteger streamsOverLimit = new AtomicInteger();
    private final AtomicInteger pingsReceived = new AtomicInteger();

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
        this.delay = delay;
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
        this.answerPings = answer;
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
        resetPaths.add(path);
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
        holdPrefixes.add(pathPrefix);
        return this;
    }

    /**
     * Answers every request held so far and holds no more: every {@link #hold(String)} is undone.
     *
     * @return this server
     */
    public H2TestServer release() {
        holdPrefixes.clear();
        for (Connection connection : open) {
            connection.context.executor().execute(connection::answerHeld);
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
        earlyPaths.add(path);
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
        bigHeaders.put(path, bytes);
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
        bodies.put(path, body);
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
        return accepted.stream().map(connection -> connection.streams.get()).toList();
    }

    /**
     * The most streams one connection had open at once, refused ones left out: a stream counts from its
     * request's first frame until the server has written its answer's last or a reset closed it.
     *
     * @return the highest count seen on any connection
     */
    public int maxConcurrentStreamsSeen() {
        return maxConcurrentStreamsSeen.get();
    }

    /**
     * Streams the client opened beyond the stream limit after acknowledging the SETTINGS frame that announced
     * it: breaches of the protocol (RFC 9113, section 5.1.2), each refused.
     *
     * @return the number of such streams, over every connection
     */
    public int streamsOverLimit() {
        return streamsOverLimit.get();
    }

    /**
     * Streams open now (received, not yet answered whole nor reset), over every connection; held ones
     * included.
     *
     * @return the number of streams open
     */
    public int activeStreams() {
        int active = 0;
        for (Connection connection : open) {
            active += connection.active;
        }
        return active;
    }

    /**
     * How often each path was received on a stream the server kept (refused streams left out).
     *
     * @return path to count, sorted by path
     */
    public Map<String, Integer> received() {
        return snapshot(received);
    }

    /**
     * How often each path was answered with a response (resets left out).
     *
     * @return path to count, sorted by path
     */
    public Map<String, Integer> answered() {
        return snapshot(answered);
    }

    /**
     * The paths of the streams the client reset with {@code RST_STREAM}, in the order the resets arrived.
     *
     * @return the paths, one per reset
     */
    public List<String> resetsReceived() {
        return List.copyOf(resetsReceived);
    }

    /**
     * PING frames the client sent (not its acknowledgements of the server's), over every connection.
     *
     * @return the number of PINGs received
     */
    public int pingsReceived() {
        return pingsReceived.get();
    }

    /** Closes every connection at once, without GOAWAY, and the listening socket, and ends the thread. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /**
     * A GOAWAY frame as bytes, which the codec passes on untouched. Not the codec's own: once it has sent one,
     * it takes a DATA frame on a stream opened after the last-stream-id (which the client may well have sent
     * before it saw the GOAWAY) for a protocol error, and closes the connection, failing the streams kept.
     */
    private static ByteBuf goAway(ByteBufAllocator alloc, int lastStreamId) {
        return alloc.buffer(17)
                .writeMedium(8).writeByte(0x7).writeByte(0).writeInt(0) // length 8, type GOAWAY, no flags, stream 0
                .writeInt(lastStreamId).writeInt((int) Http2Error.NO_ERROR.code());
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((path, count) -> copy.put(path, count.get()));
        return copy;
    }

    private static void count(Map<String, AtomicInteger> counts, String path) {
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
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
        Connection connection = new Connection(codec, limit, goAwayAfter);
        // The channel is registered: adding the handler sets its context at once, before others can see it.
        channel.pipeline().addLast(codec, connection);
        accepted.add(connection);
        open.add(connection);
    }

    /** One request: its stream, its path, and the body received so far. */
    private static final class Exchange {
        final Http2FrameStream stream;
        final String path;
        final MessageDigest bodyDigest;
        long bodyLength;
        /** Answered before its body arrived ({@link H2TestServer#answerEarly}). */
        boolean early;

        Exchange(Http2FrameStream stream, String path) {
            this.stream = stream;
            this.path = path;
            try {
                this.bodyDigest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }

    /** The frames of one connection, after the codec; every field but the counters on its event loop only. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final Http2FrameCodec codec;
        private final int limit;
        private final int goAwayAfter;
        /** Streams kept and not yet closed, by id. */
        private final Map<Integer, Exchange> exchanges = new HashMap<>();
        private final List<Exchange> held = new ArrayList<>();
        private final AtomicInteger streams = new AtomicInteger();
        /** {@code exchanges.size()}, for other threads. */
        private volatile int active;
        private boolean settingsAcknowledged;
        /** The last-stream-id of the GOAWAY sent; streams above it are ignored. */
        private int lastStreamId = Integer.MAX_VALUE;
        /** The server's side of the connection is closed: it writes nothing more. */
        private boolean outputShut;
        private volatile ChannelHandlerContext context;

        Connection(Http2FrameCodec codec, int limit, int goAwayAfter) {
            this.codec = codec;
            this.limit = limit;
            this.goAwayAfter = goAwayAfter;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            context = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers) {
                    onHeaders(ctx, headers);
                } else if (msg instanceof Http2DataFrame data) {
                    onData(ctx, data);
                } else if (msg instanceof Http2ResetFrame reset) {
                    Exchange exchange = exchanges.get(reset.stream().id());
                    if (exchange != null) {
                        resetsReceived.add(exchange.path);
                    }
                } else if (msg instanceof Http2PingFrame ping && !ping.ack()) {
                    pingsReceived.incrementAndGet();
                    if (answerPings) {
                        ctx.write(new DefaultHttp2PingFrame(ping.content(), true)); // flushed once the read is done
                    }
                } else if (msg instanceof Http2SettingsAckFrame) {
                    // The codec now enforces the limit itself, refusing breaches before this handler could
                    // count them: it is lifted, and enforced below instead.
                    settingsAcknowledged = true;
                    codec.connection().remote().maxActiveStreams(Integer.MAX_VALUE);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
            int id = frame.stream().id();
            if (id > lastStreamId) {
                return; // sent before the client saw the GOAWAY: ignored
            }
            Exchange exchange = exchanges.get(id);
            if (exchange == null) {
                if (exchanges.size() >= limit) {
                    if (settingsAcknowledged) {
                        streamsOverLimit.incrementAndGet();
                    }
                    ctx.write(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM).stream(frame.stream()));
                    return;
                }
                exchange = new Exchange(frame.stream(), String.valueOf(frame.headers().path()).split("\\?", 2)[0]);
                exchanges.put(frame.stream().id(), exchange);
                active = exchanges.size();
                maxConcurrentStreamsSeen.accumulateAndGet(active, Math::max);
                count(received, exchange.path);
                if (streams.incrementAndGet() == goAwayAfter) {
                    lastStreamId = id;
                    ctx.write(goAway(ctx.alloc(), id));
                }
            }
            if (frame.isEndStream()) {
                onRequest(ctx, exchange);
            } else if (earlyPaths.contains(exchange.path)) {
                exchange.early = true;
                answer(ctx, exchange);
            }
        }

        private void onData(ChannelHandlerContext ctx, Http2DataFrame frame) {
            Exchange early = exchanges.get(frame.stream().id());
            if (early != null && early.early) {
                return; // answered already; the rest of the body is left unread, its window never given back
            }
            // Hand the bytes back to the flow controller at once: the client may send the next window's worth.
            if (frame.initialFlowControlledBytes() > 0 && !outputShut) {
                ctx.write(new DefaultHttp2WindowUpdateFrame(frame.initialFlowControlledBytes()).stream(frame.stream()));
            }
            Exchange exchange = exchanges.get(frame.stream().id());
            if (exchange == null) {
                return;
            }
            exchange.bodyLength += frame.content().readableBytes();
            exchange.bodyDigest.update(frame.content().nioBuffer());
            if (frame.isEndStream()) {
                onRequest(ctx, exchange);
            }
        }

        private void onRequest(ChannelHandlerContext ctx, Exchange exchange) {
            if (resetPaths.contains(exchange.path)) {
                ctx.write(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR).stream(exchange.stream));
            } else if (holdPrefixes.stream().anyMatch(exchange.path::startsWith)) {
                held.add(exchange);
            } else if (delay.isZero()) {
                answer(ctx, exchange);
            } else {
                ctx.executor().schedule(() -> answer(ctx, exchange), delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void answerHeld() {
            List<Exchange> answering = List.copyOf(held);
            held.clear();
            answering.forEach(exchange -> answer(context, exchange));
        }

        private void answer(ChannelHandlerContext ctx, Exchange exchange) {
            if (exchanges.get(exchange.stream.id()) != exchange) {
                return; // reset by the client, or the connection closed, meanwhile
            }
            byte[] body = bodies.getOrDefault(exchange.path, exchange.path.getBytes(StandardCharsets.UTF_8));
            Http2Headers headers = new DefaultHttp2Headers().status("200")
                    .set("content-type", "text/plain; charset=utf-8")
                    .setInt("content-length", body.length)
                    .setLong("x-body-length", exchange.bodyLength)
                    .set("x-body-sha256", HexFormat.of().formatHex(exchange.bodyDigest.digest()));
            Integer big = bigHeaders.get(exchange.path);
            if (big != null) {
                headers.set("x-big", "b".repeat(big));
            }
            count(answered, exchange.path); // first: the client may have the answer before the write returns
            ctx.write(new DefaultHttp2HeadersFrame(headers, false).stream(exchange.stream));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true).stream(exchange.stream));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof Http2FrameStreamEvent streamEvent
                    && streamEvent.stream().state() == Http2Stream.State.CLOSED) {
                Exchange closed = exchanges.remove(streamEvent.stream().id());
                if (closed != null) {
                    held.remove(closed);
                    active = exchanges.size();
                    if (lastStreamId != Integer.MAX_VALUE && exchanges.isEmpty() && !outputShut) {
                        // Half-closed, so that the client reads every answer before it sees the end; a full close
                        // with its late frames unread would reset the connection and could lose them.
                        outputShut = true;
                        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
                                .addListener(flushed -> ((DuplexChannel) ctx.channel()).shutdownOutput());
                    }
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.remove(this);
            exchanges.clear();
            held.clear();
            active = 0;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A stream error has been answered with RST_STREAM by the codec already; anything else ends the
            // connection, as the client will see, unless the server is only waiting for the client to close it.
            if (!(cause instanceof Http2FrameStreamException) && !outputShut) {
                ctx.close();
            }
        }
    }
}
