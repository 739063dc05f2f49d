package io.aioarango.transport.netty;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoException;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.ConnectionFailures;
import io.aioarango.transport.spi.support.DeadlineTimer;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.support.PendingExchanges;
import io.aioarango.transport.spi.PoolStats;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2NoMoreStreamIdsException;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The HTTP/2 session of one coordinator: one connection carrying up to the server's
 * {@code SETTINGS_MAX_CONCURRENT_STREAMS} requests at once, each on its own stream; a further connection
 * only while every open one is full, up to {@code maxConnectionsPerHost}; requests beyond every stream
 * wait in a queue of at most {@code maxPendingRequestsPerHost}.
 *
 * <p>A stream is read by the same {@link ExchangeHandler} as an HTTP/1.1 connection, behind Netty's codec
 * from HTTP/2 frames to HTTP objects. What only HTTP/2 has:
 * <ul>
 * <li>GOAWAY drains a connection: no new stream goes on it, it closes once its streams end, and the
 * streams above its last-stream-id, which the server says it never processed, are sent again on another
 * connection whatever their method;
 * <li>RST_STREAM fails only its request (REFUSED_STREAM, again never processed, is sent again);
 * <li>a request that times out or is cancelled resets only its stream;
 * <li>a connection silent for {@code http2PingInterval} is sent a PING, and closed if none comes back
 * within as long again; one without streams for {@code idleTimeout} closes.
 * </ul>
 */
final class NettyHttp2Session implements HttpSession, Exchange.Owner {
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("aioarango.h2.connection");
    /** How often one request the server never processed is sent again before it fails. */
    private static final int MAX_RESENDS = 3;
    /** How long after a failed connection the session opens no other (see {@code reconnectAfterNanos}). */
    private static final java.time.Duration RECONNECT_PAUSE = java.time.Duration.ofSeconds(1);

    private final Host host;
    /** Each request its own headers: the stream codec adds to them. */
    private final NettyRequests requests;
    private final TransportOptions options;
    /** For {@code https} coordinators, with ALPN offering h2 only; null for cleartext prior knowledge. */
    private final SslContext sslContext;
    private final Consumer<NettyHttp2Session> onClose;
    private final Bootstrap bootstrap;
    private final PendingExchanges exchanges;
    private final ChannelGroup channels;
    private final ExchangeHandler exchangeHandler;
    private final StreamEvents streamEvents = new StreamEvents();
    private final ChannelInitializer<Http2StreamChannel> streamInitializer;

    private final Object lock = new Object();
    private final List<Connection> connections = new ArrayList<>(); // guarded by lock
    /** The requests waiting for a stream; guarded by lock. */
    private final Admission admission;
    /**
     * After a connection failed before it could be used, none is opened before this time: requests then
     * wait for the streams of the open ones rather than the session trying to connect again and again.
     */
    private long reconnectAfterNanos = Long.MIN_VALUE; // guarded by lock
    /** Connections being opened, not yet in {@link #connections}. */
    private int opening; // guarded by lock
    private boolean closed; // guarded by lock

    /** One connection and what the session knows of it; fields guarded by the session's lock. */
    private final class Connection {
        /** Set when the channel is made, before any of its events: see {@link #attach}. */
        volatile Channel channel;
        volatile ChannelFuture connecting;
        volatile Http2StreamChannelBootstrap streams;
        /** Requests from other threads waiting for the event loop to open their streams. */
        final Queue<Queued> toOpen = new ConcurrentLinkedQueue<>();
        final AtomicBoolean openScheduled = new AtomicBoolean();
        /** The server's SETTINGS arrived: until then its stream limit is unknown, so nothing is sent. */
        boolean ready;
        /** GOAWAY arrived, or it is closing: no new stream. */
        boolean draining;
        boolean removed;
        int maxStreams = Integer.MAX_VALUE;
        /** Streams open or being opened. */
        int active;
        long idleSinceNanos = System.nanoTime();
        boolean pingOutstanding;
        /** The last-stream-id of the server's GOAWAY: streams above it were never processed. */
        volatile int lastProcessedStream = Integer.MAX_VALUE;
        /** Why the connection could not be used, for the requests that waited for it. */
        ArangoException failure;

        /** Binds the connection to its channel, from the channel's initializer: before it can read anything. */
        void attach(Channel channel) {
            if (this.channel == null) {
                this.channel = channel;
                this.streams = new Http2StreamChannelBootstrap(channel).handler(streamInitializer);
            }
        }

        /**
         * Whether a new stream may go on it. Not on a connection that closed (keep-alive or an I/O error found
         * it dead) and is not yet out of the session's list: that stream would only fail and be sent again.
         */
        boolean hasRoom() {
            return ready && !draining && active < maxStreams && channel.isActive();
        }
    }

    NettyHttp2Session(Host host, Bootstrap bootstrap, TransportOptions options, SslContext sslContext,
            DeadlineTimer deadlines, Consumer<NettyHttp2Session> onClose) {
        this.host = host;
        this.requests = new NettyRequests(host, false);
        this.options = options;
        this.sslContext = sslContext;
        this.onClose = onClose;
        EventExecutor loop = bootstrap.config().group().next();
        this.exchanges = new PendingExchanges(host, options.requestTimeout(), deadlines);
        this.channels = new DefaultChannelGroup("aioarango h2 " + host, loop, true);
        this.exchangeHandler = new ExchangeHandler(host, options);
        this.admission = new Admission(lock, host, options, exchanges);
        this.streamInitializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), streamEvents,
                        exchangeHandler);
            }
        };
        this.bootstrap = bootstrap.handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                initPipeline(channel);
            }
        });
    }

    private void initPipeline(Channel channel) {
        channel.attr(CONNECTION).get().attach(channel);
        if (sslContext != null) {
            channel.pipeline().addLast("tls", Tls.handler(sslContext, channel, host, options));
        }
        // Far above ours, so that ours decides, alike on every protocol, and fails only its stream: past
        // Netty's, a stream error; past 1.25 times it, a connection error failing every stream.
        long headerLimit = Math.min(Integer.MAX_VALUE, 8L * options.maxResponseHeaderBytes() + 1024 * 1024);
        Http2Settings settings = Http2Settings.defaultSettings()
                .pushEnabled(false)
                .initialWindowSize(options.http2WindowBytes())
                .maxHeaderListSize(headerLimit); // ours, the same on every transport, decides below this
        long quiet = Math.min(options.http2PingInterval().toMillis(), options.idleTimeout().toMillis());
        Http2FrameCodec codec = Http2FrameCodecBuilder.forClient().initialSettings(settings).build();
        // Told before Netty closes the streams above the last-stream-id, which then learn they were never processed.
        codec.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                // Netty's own count of open streams drops here (a reset one only once its RST_STREAM is
                // written): the session's count follows it, or it would open a stream Netty refuses.
                if (codec.connection().local().isValidStreamId(stream.id())) { // ours, not a pushed one
                    streamGone(channel.attr(CONNECTION).get());
                }
            }

            @Override
            public void onGoAwayReceived(int lastStreamId, long errorCode, ByteBuf debugData) {
                Connection connection = channel.attr(CONNECTION).get();
                synchronized (lock) {
                    connection.lastProcessedStream = lastStreamId;
                    connection.draining = true; // before any stream is sent again: it must go elsewhere
                }
            }
        });
        channel.pipeline()
                .addLast("quiet", new IdleStateHandler(quiet, 0, 0, TimeUnit.MILLISECONDS))
                .addLast("h2", codec)
                .addLast("streams", new Http2MultiplexHandler(new RefusePushes()))
                .addLast("connection", new ConnectionEvents());
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public CompletableFuture<TransportResponse> send(TransportRequest request) {
        CompletableFuture<TransportResponse> result = exchanges.begin();
        if (result.isDone()) {
            return result;
        }
        FullHttpRequest nettyRequest = requests.build(request, result);
        if (nettyRequest == null) {
            return result;
        }
        submit(new Queued(request, nettyRequest, result, 0));
        return result;
    }

    /** Puts a request on a stream, or in the queue; a request sent again is never refused as queue-full. */
    private void submit(Queued queued) {
        Connection target = null;
        Admission.Verdict verdict;
        boolean open = false;
        synchronized (lock) {
            if (!closed) {
                target = withRoom();
            }
            verdict = admission.admit(queued, closed, target != null);
            if (verdict == Admission.Verdict.START) {
                target.active++;
            } else if (verdict == Admission.Verdict.WAIT) {
                open = reserveConnection();
            }
        }
        switch (verdict) {
            case START -> startStream(target, queued);
            case WAIT -> {
                // Timed out, cancelled or closed while waiting: it leaves the queue at once, without a scan.
                queued.result.whenComplete((response, failure) -> admission.withdraw(queued));
                if (open) {
                    connect();
                }
            }
            default -> admission.refuse(verdict, queued);
        }
    }

    /** A connection with a free stream, or {@code null}. */
    private Connection withRoom() {
        for (Connection connection : connections) {
            if (connection.hasRoom()) {
                return connection;
            }
        }
        return null;
    }

    /**
     * Whether to open one more connection for the requests waiting: none is being opened or waiting for
     * the server's SETTINGS (whose stream limit may well be enough), and fewer than the limit are open.
     * Counts the new one as opening when it says yes.
     */
    private boolean reserveConnection() {
        if (closed || admission.isEmpty() || opening > 0 || System.nanoTime() < reconnectAfterNanos) {
            return false;
        }
        for (Connection connection : connections) {
            if (!connection.ready && !connection.draining) {
                return false;
            }
        }
        // Draining ones too: they are still open, and the limit is of connections, not of usable ones.
        if (connections.size() >= options.maxConnectionsPerHost()) {
            return false;
        }
        opening++;
        return true;
    }

    /** Moves waiting requests onto free streams, and opens a connection if they still need one. */
    private void dispatch() {
        List<Object> starts = null; // connection, queued, connection, queued, ...
        boolean open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            while (!admission.isEmpty()) {
                Connection connection = withRoom();
                Queued next = connection == null ? null : admission.poll();
                if (next == null) {
                    break;
                }
                connection.active++;
                if (starts == null) {
                    starts = new ArrayList<>();
                }
                starts.add(connection);
                starts.add(next);
            }
            open = reserveConnection();
        }
        if (open) {
            connect();
        }
        if (starts != null) {
            for (int i = 0; i < starts.size(); i += 2) {
                startStream((Connection) starts.get(i), (Queued) starts.get(i + 1));
            }
        }
    }

    private void connect() {
        // In the list, and on the channel from its creation, before the connection can read its SETTINGS:
        // a server that answers at once must find both.
        Connection connection = new Connection();
        synchronized (lock) {
            opening--;
            connections.add(connection);
        }
        ChannelFuture connecting;
        try {
            connecting = bootstrap.clone().attr(CONNECTION, connection).connect();
        } catch (Throwable e) { // e.g. the event loops were shut down
            synchronized (lock) {
                connection.removed = true;
                connections.remove(connection);
            }
            failWaiting(Queued.connectFailure(host, exchanges, e), null);
            return;
        }
        connection.connecting = connecting;
        Channel channel = connecting.channel();
        connection.attach(channel);
        channels.add(channel); // closed with the session, even while still connecting
        // Only once the connect attempt ended too: a failed lookup closes the channel before it fails the attempt.
        channel.closeFuture().addListener(done -> connecting.addListener(attempt -> removed(connection)));
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                synchronized (lock) {
                    connection.failure = Queued.connectFailure(host, exchanges, connected.cause());
                }
                channel.close();
            } else if (sslContext == null) {
                awaitSettings(connection); // over TLS, once the handshake is done (it has a timeout of its own)
            }
        });
    }

    /** A server that never sends its SETTINGS does not speak HTTP/2 (or is stuck): the connection is given up. */
    private void awaitSettings(Connection connection) {
        Channel channel = connection.channel;
        channel.eventLoop().schedule(() -> {
            synchronized (lock) {
                if (connection.ready || connection.removed) {
                    return;
                }
                if (connection.failure == null) {
                    connection.failure = new ArangoConnectionException(host, "no HTTP/2 SETTINGS within "
                            + options.connectTimeout().toMillis() + " ms of connecting; does the coordinator "
                            + "speak HTTP/2? (protocol HTTP1 uses HTTP/1.1)", false, null);
                }
            }
            channel.close();
        }, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A connection closed: its streams fail (their channels close), waiting requests go elsewhere. */
    private void removed(Connection connection) {
        ArangoException failure;
        boolean failWaiting;
        synchronized (lock) {
            if (connection.removed) {
                return;
            }
            connection.removed = true;
            connections.remove(connection);
            // It never became usable: if no other connection is, the coordinator cannot be reached now.
            failWaiting = !connection.ready && withRoom() == null && !anyReady();
            failure = connection.failure;
            if (!connection.ready && !failWaiting) {
                reconnectAfterNanos = System.nanoTime() + RECONNECT_PAUSE.toNanos();
                connection.channel.eventLoop().schedule(this::dispatch, RECONNECT_PAUSE.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        ChannelFuture connecting = connection.connecting;
        if (failure == null && connecting != null && connecting.isDone() && !connecting.isSuccess()) {
            // The failed connect closed the channel before its own listener ran.
            failure = Queued.connectFailure(host, exchanges, connecting.cause());
        }
        if (failWaiting) {
            failWaiting(failure != null ? failure : new ArangoConnectionException(host,
                    "the connection closed before the HTTP/2 handshake ended", false, null), connection);
        }
        dispatch();
    }

    private boolean anyReady() {
        for (Connection connection : connections) {
            if (connection.ready && !connection.draining) {
                return true;
            }
        }
        return false;
    }

    /** Fails every waiting request: the connection they waited for could not be made. */
    private void failWaiting(ArangoException failure, Connection cause) {
        List<Queued> failed;
        synchronized (lock) {
            failed = admission.clear();
        }
        for (Queued queued : failed) {
            queued.drop();
            Completions.fail(queued.result, () -> exchanges.isClosed() ? exchanges.closedError() : failure);
        }
    }

    /**
     * Opens a stream on {@code connection}, whose {@code active} count already includes it. From another
     * thread the request joins the connection's queue of streams to open, which one task on its event loop
     * opens and then flushes at once: a burst of requests from a completion thread costs one hand-off to
     * the event loop and one write to the socket, not one of each per request.
     */
    private void startStream(Connection connection, Queued queued) {
        EventLoop loop = connection.channel.eventLoop();
        if (loop.inEventLoop()) {
            openStream(connection, queued, true); // in a read, Netty flushes once after it anyway
            return;
        }
        connection.toOpen.add(queued);
        if (connection.openScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(() -> openQueued(connection));
            } catch (Throwable e) { // the event loop is shutting down: the transport is closing
                connection.openScheduled.set(false);
                Queued refused;
                while ((refused = connection.toOpen.poll()) != null) {
                    refused.drop();
                    streamGone(connection);
                    Queued failed = refused;
                    Completions.fail(failed.result, () -> Queued.connectFailure(host, exchanges, e));
                }
            }
        }
    }

    private void openQueued(Connection connection) {
        connection.openScheduled.set(false); // first: a request added from now on schedules another round
        Queued next;
        while ((next = connection.toOpen.poll()) != null) {
            openStream(connection, next, false);
        }
        connection.channel.flush();
    }

    private void openStream(Connection connection, Queued queued, boolean flush) {
        FullHttpRequest nettyRequest;
        try {
            nettyRequest = queued.take();
            if (nettyRequest == null && !queued.result.isDone()) {
                nettyRequest = requests.toNetty(queued.request); // sent again
            }
        } catch (Throwable e) {
            streamGone(connection);
            Completions.fail(queued.result, () -> exchangeHandler.failure(e));
            return;
        }
        if (nettyRequest == null || queued.result.isDone()) {
            ReferenceCountUtil.release(nettyRequest);
            streamGone(connection); // timed out, cancelled or closed first
            return;
        }
        FullHttpRequest toWrite = nettyRequest;
        connection.streams.open().addListener((Future<Http2StreamChannel> opened) -> {
            if (!opened.isSuccess()) {
                ReferenceCountUtil.release(toWrite);
                streamGone(connection);
                resendOrFail(queued.request, queued.result, queued.resends,
                        ConnectionFailures.notConnected(host, opened.cause()));
                return;
            }
            Http2StreamChannel stream = opened.getNow();
            stream.closeFuture().addListener(done -> {
                if (stream.stream().state() == Http2Stream.State.IDLE) {
                    streamGone(connection); // never opened in Netty: no onStreamClosed will come
                }
            });
            Exchange exchange = new Exchange(queued.result, queued.request.method(), queued.request, this, stream,
                    queued.resends);
            stream.attr(Exchange.EXCHANGE).set(exchange);
            queued.result.whenComplete((response, failure) -> exchange.end(failure == null));
            (flush ? stream.writeAndFlush(toWrite) : stream.write(toWrite)).addListener(written -> {
                if (written.isSuccess() || stream.attr(Exchange.EXCHANGE).get() != exchange) {
                    return; // sent; or sent again elsewhere (GOAWAY), or over: this stream's failure is no one's
                }
                Throwable cause = written.cause();
                if (neverSent(stream, cause)) {
                    streamEvents.resend(stream, "the stream could not be opened (" + Completions.describe(cause) + ")");
                } else {
                    Completions.fail(queued.result, () -> exchangeHandler.failure(cause));
                }
            });
        });
    }

    /**
     * The exchange on a stream ended. A whole answer leaves the stream to close itself once both sides
     * are done (closing it now would reset it); anything else resets it.
     */
    @Override
    public void end(Channel stream, boolean clean) {
        Http2Stream.State state = ((Http2StreamChannel) stream).stream().state();
        // Answered before the request's body was all sent (a server refusing an upload): nothing would
        // ever close the stream, which would hold its place on the connection.
        boolean stillSending = state == Http2Stream.State.OPEN || state == Http2Stream.State.HALF_CLOSED_REMOTE;
        if (stillSending) {
            // A reset said out loud: having read the answer's END_STREAM, Netty would close the channel
            // without one, and the stream would stay open on the connection with our data unsent.
            stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL)).addListener(reset -> stream.close());
        } else if (!clean) {
            stream.close();
        }
    }

    /**
     * Whether a stream's request never reached the server: its HEADERS never went out, or the connection
     * refused to open it (past the server's stream limit or a GOAWAY's last-stream-id).
     */
    private static boolean neverSent(Http2StreamChannel stream, Throwable cause) {
        if (cause instanceof Http2Exception http2 && http2.error() == Http2Error.REFUSED_STREAM
                || cause instanceof Http2NoMoreStreamIdsException) {
            return true;
        }
        Http2FrameStream frames = stream.stream();
        return frames.state() == Http2Stream.State.IDLE;
    }

    /** A stream closed: its place on the connection is free. */
    private void streamGone(Connection connection) {
        boolean close;
        boolean more;
        synchronized (lock) {
            connection.active--;
            if (connection.active == 0) {
                connection.idleSinceNanos = System.nanoTime();
            }
            close = connection.draining && connection.active == 0;
            more = !admission.isEmpty();
        }
        if (close) {
            connection.channel.close();
        }
        if (more) {
            dispatch();
        }
    }

    /** A request the server never processed: sent again, on another stream, up to {@link #MAX_RESENDS} times. */
    private void resendOrFail(TransportRequest request, CompletableFuture<TransportResponse> result, int resends,
            ArangoException failure) {
        if (result.isDone()) {
            return;
        }
        if (resends >= MAX_RESENDS) {
            Completions.fail(result, () -> failure);
            return;
        }
        submit(new Queued(request, null, result, resends + 1));
    }

    @Override
    public String protocol() {
        return "h2";
    }

    @Override
    public Optional<PoolStats> poolStats() {
        synchronized (lock) {
            int streams = 0;
            int busy = 0;
            for (Connection connection : connections) {
                streams += connection.active;
                if (connection.active > 0) {
                    busy++;
                }
            }
            return Optional.of(new PoolStats(busy, connections.size() - busy, admission.size(), streams));
        }
    }

    @Override
    public void close() {
        List<Queued> dropped;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            dropped = admission.clear();
        }
        exchanges.close(); // fails every queued request
        dropped.forEach(Queued::drop);
        channels.close();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "NettyHttp2Session[" + host + "]";
    }

    /** The connection's own frames: SETTINGS, GOAWAY, PING answers; and its quiet periods. */
    private final class ConnectionEvents extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                Connection connection = ctx.channel().attr(CONNECTION).get();
                if (msg instanceof Http2SettingsFrame settings) {
                    Long max = settings.settings().maxConcurrentStreams();
                    synchronized (lock) {
                        if (max != null) {
                            connection.maxStreams = (int) Math.min(Integer.MAX_VALUE, max);
                        }
                        connection.ready = true;
                    }
                    dispatch();
                } else if (msg instanceof Http2GoAwayFrame) {
                    drain(connection);
                } else if (msg instanceof Http2PingFrame ping && ping.ack()) {
                    synchronized (lock) {
                        connection.pingOutstanding = false;
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                quiet(ctx);
            } else if (event instanceof SslHandshakeCompletionEvent failed && !failed.isSuccess()) {
                Connection connection = ctx.channel().attr(CONNECTION).get();
                synchronized (lock) {
                    if (connection.failure == null) {
                        connection.failure = new ArangoConnectionException(host, "TLS handshake failed: "
                                + Completions.describe(failed.cause()), false, failed.cause());
                    }
                }
                ctx.fireUserEventTriggered(event);
            } else if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                String chosen = ssl == null ? null : ssl.applicationProtocol();
                if (ApplicationProtocolNames.HTTP_2.equals(chosen)) {
                    awaitSettings(ctx.channel().attr(CONNECTION).get());
                } else {
                    Connection connection = ctx.channel().attr(CONNECTION).get();
                    synchronized (lock) {
                        connection.failure = new ArangoConnectionException(host, "the coordinator did not offer "
                                + "HTTP/2 in TLS (ALPN chose " + (chosen == null ? "nothing" : chosen) + "); use "
                                + "protocol HTTP1 or AUTO", false, null);
                    }
                    ctx.close();
                }
                ctx.fireUserEventTriggered(event);
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        /** Nothing was read for a while: close an unused connection, or check the server is still there. */
        private void quiet(ChannelHandlerContext ctx) {
            Connection connection = ctx.channel().attr(CONNECTION).get();
            boolean idle;
            boolean dead;
            synchronized (lock) {
                idle = connection.active == 0 && System.nanoTime() - connection.idleSinceNanos
                        >= options.idleTimeout().toNanos();
                dead = !idle && connection.pingOutstanding;
                connection.pingOutstanding = !idle && !dead;
                if (idle || dead) {
                    connection.draining = true;
                }
            }
            if (idle) {
                ctx.close();
            } else if (dead) {
                ctx.close(); // no answer to the last PING: its streams fail as their channels close
            } else {
                ctx.writeAndFlush(new DefaultHttp2PingFrame(System.nanoTime()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the connection is unusable: its streams fail as their channels close
        }
    }

    /** GOAWAY: no new stream on the connection, which closes once its streams are done. */
    private void drain(Connection connection) {
        boolean close;
        synchronized (lock) {
            connection.draining = true;
            close = connection.active == 0;
        }
        if (close) {
            connection.channel.close();
        }
        dispatch(); // waiting requests need another connection now
    }

    /** What HTTP/2 tells one stream: the server never processed it (GOAWAY), or reset it. */
    @ChannelHandler.Sharable
    private final class StreamEvents extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof Http2GoAwayFrame goAway) {
                try {
                    drain(ctx.channel().parent().attr(CONNECTION).get()); // first: the resend must go elsewhere
                    resend(ctx.channel(), "the coordinator sent GOAWAY before processing the request");
                } finally {
                    goAway.release();
                }
            } else if (event instanceof Http2ResetFrame reset) {
                Http2Error error = Http2Error.valueOf(reset.errorCode());
                String name = error == null ? "code " + reset.errorCode() : error.name();
                if (error == Http2Error.REFUSED_STREAM) {
                    resend(ctx.channel(), "the coordinator refused the stream (REFUSED_STREAM)");
                } else {
                    Exchange exchange = ctx.channel().attr(Exchange.EXCHANGE).get();
                    if (exchange != null) {
                        exchange.reading.body = null;
                        Completions.fail(exchange.result, () -> new ArangoConnectionException(host,
                                "the coordinator reset the HTTP/2 stream (" + name + ")", true, null));
                    }
                }
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
            if (stream.attr(Exchange.EXCHANGE).get() != null) {
                if (stream.stream().state() == Http2Stream.State.IDLE) {
                    resend(stream, "the stream closed before its request went out"); // e.g. the connection closed
                } else if (aboveGoAway(stream)) {
                    // Netty closes the streams above a GOAWAY's last-stream-id before it tells them why.
                    drain(stream.parent().attr(CONNECTION).get());
                    resend(stream, "the coordinator sent GOAWAY before processing the request");
                }
            }
            ctx.fireChannelInactive();
        }

        /** Whether the server said, with a GOAWAY, that it never processed this stream. */
        private boolean aboveGoAway(Http2StreamChannel stream) {
            return stream.stream().id() > stream.parent().attr(CONNECTION).get().lastProcessedStream;
        }

        void resend(Channel stream, String reason) {
            Exchange exchange = stream.attr(Exchange.EXCHANGE).get();
            if (exchange != null && !exchange.result.isDone() && exchange.detach()) {
                resendOrFail(exchange.request, exchange.result, exchange.resends,
                        new ArangoConnectionException(host, reason + ", " + (MAX_RESENDS + 1) + " times", false, null));
            }
            stream.close();
        }
    }

    /** The client asked for no server push; a server that pushes anyway gets its streams reset. */
    @ChannelHandler.Sharable
    private static final class RefusePushes extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.channel().close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
