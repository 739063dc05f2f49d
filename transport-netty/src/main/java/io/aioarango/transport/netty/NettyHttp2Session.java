package io.aioarango.transport.netty;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoException;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.DeadlineTimer;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.support.PendingExchanges;
import io.aioarango.transport.spi.PoolStats;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>The session keeps the pool and the queue; {@link Http2Connection} is one connection and opens its streams,
 * {@link Http2ConnectionEvents} reads what the connection is told, {@link Http2StreamEvents} what a stream is.
 */
final class NettyHttp2Session implements HttpSession {
    /** How often one request the server never processed is sent again before it fails. */
    static final int MAX_RESENDS = 3;
    /** How long after a failed connection the session opens no other (see {@code reconnectAfterNanos}). */
    private static final java.time.Duration RECONNECT_PAUSE = java.time.Duration.ofSeconds(1);

    final Host host;
    /** Each request its own headers: the stream codec adds to them. */
    final NettyRequests requests;
    final TransportOptions options;
    /** For {@code https} coordinators, with ALPN offering h2 only; null for cleartext prior knowledge. */
    final SslContext sslContext;
    private final Consumer<NettyHttp2Session> onClose;
    private final Bootstrap bootstrap;
    final PendingExchanges exchanges;
    private final ChannelGroup channels;
    final ExchangeHandler exchangeHandler;
    final Http2StreamEvents streamEvents = new Http2StreamEvents(this);
    final ChannelInitializer<Http2StreamChannel> streamInitializer;

    final Object lock = new Object();
    private final List<Http2Connection> connections = new ArrayList<>(); // guarded by lock
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
                Http2Connection.of(channel).initPipeline(channel);
            }
        });
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
        Http2Connection target = null;
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
            case START -> target.startStream(queued);
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
    private Http2Connection withRoom() {
        for (Http2Connection connection : connections) {
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
        for (Http2Connection connection : connections) {
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
    void dispatch() {
        List<Object> starts = null; // connection, queued, connection, queued, ...
        boolean open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            while (!admission.isEmpty()) {
                Http2Connection connection = withRoom();
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
                ((Http2Connection) starts.get(i)).startStream((Queued) starts.get(i + 1));
            }
        }
    }

    private void connect() {
        // In the list, and on the channel from its creation, before the connection can read its SETTINGS:
        // a server that answers at once must find both.
        Http2Connection connection = new Http2Connection(this);
        synchronized (lock) {
            opening--;
            connections.add(connection);
        }
        ChannelFuture connecting;
        try {
            connecting = bootstrap.clone().attr(Http2Connection.key(), connection).connect();
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
                connection.awaitSettings(); // over TLS, once the handshake is done (it has a timeout of its own)
            }
        });
    }

    /** A connection closed: its streams fail (their channels close), waiting requests go elsewhere. */
    private void removed(Http2Connection connection) {
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
        for (Http2Connection connection : connections) {
            if (connection.ready && !connection.draining) {
                return true;
            }
        }
        return false;
    }

    /** Fails every waiting request: the connection they waited for could not be made. */
    private void failWaiting(ArangoException failure, Http2Connection cause) {
        List<Queued> failed;
        synchronized (lock) {
            failed = admission.clear();
        }
        for (Queued queued : failed) {
            queued.drop();
            Completions.fail(queued.result, () -> exchanges.isClosed() ? exchanges.closedError() : failure);
        }
    }


    /** A stream closed: its place on the connection is free. */
    void streamGone(Http2Connection connection) {
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
    void resendOrFail(TransportRequest request, CompletableFuture<TransportResponse> result, int resends,
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
            for (Http2Connection connection : connections) {
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


    /** GOAWAY: no new stream on the connection, which closes once its streams are done. */
    void drain(Http2Connection connection) {
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
}
