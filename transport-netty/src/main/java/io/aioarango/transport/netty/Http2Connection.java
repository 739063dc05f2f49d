package io.aioarango.transport.netty;

import io.aioarango.api.ArangoException;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.ConnectionFailures;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.timeout.IdleStateHandler;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.transport.spi.TransportOptions;
import java.util.concurrent.TimeUnit;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2NoMoreStreamIdsException;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP/2 connection of a {@link NettyHttp2Session}, what the session knows of it, and the streams it
 * opens for requests. Its fields are guarded by the session's lock: the session weighs all its connections
 * at once (which has room, whether to open another).
 */
final class Http2Connection implements Exchange.Owner {
    private static final AttributeKey<Http2Connection> KEY = AttributeKey.valueOf("aioarango.h2.connection");

    private final NettyHttp2Session session;

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

    Http2Connection(NettyHttp2Session session) {
        this.session = session;
    }

    /** The connection a channel was made for (set on it before it connects, see {@link #KEY}). */
    static Http2Connection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    static AttributeKey<Http2Connection> key() {
        return KEY;
    }

    /** Binds the connection to its channel, from the channel's initializer: before it can read anything. */
    void attach(Channel channel) {
        if (this.channel == null) {
            this.channel = channel;
            this.streams = new Http2StreamChannelBootstrap(channel).handler(session.streamInitializer);
        }
    }

    /** Sets up the channel made for this connection, from its initializer: before it can read anything. */
    void initPipeline(Channel channel) {
        attach(channel);
        TransportOptions options = session.options;
        if (session.sslContext != null) {
            channel.pipeline().addLast("tls", Tls.handler(session.sslContext, channel, session.host, options));
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
        Http2ConnectionEvents events = new Http2ConnectionEvents(session);
        codec.connection().addListener(events.codecListener(codec, channel));
        channel.pipeline()
                .addLast("quiet", new IdleStateHandler(quiet, 0, 0, TimeUnit.MILLISECONDS))
                .addLast("h2", codec)
                .addLast("streams", new Http2MultiplexHandler(new Http2StreamEvents.RefusePushes()))
                .addLast("connection", events);
    }

    /** A server that never sends its SETTINGS does not speak HTTP/2 (or is stuck): the connection is given up. */
    void awaitSettings() {
        channel.eventLoop().schedule(() -> {
            synchronized (session.lock) {
                if (ready || removed) {
                    return;
                }
                if (failure == null) {
                    failure = new ArangoConnectionException(session.host, "no HTTP/2 SETTINGS within "
                            + session.options.connectTimeout().toMillis() + " ms of connecting; does the coordinator "
                            + "speak HTTP/2? (protocol HTTP1 uses HTTP/1.1)", false, null);
                }
            }
            channel.close();
        }, session.options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether a new stream may go on it. Not on a connection that closed (keep-alive or an I/O error found
     * it dead) and is not yet out of the session's list: that stream would only fail and be sent again.
     */
    boolean hasRoom() {
        return ready && !draining && active < maxStreams && channel.isActive();
    }

    /**
     * Opens a stream on this connection, whose {@code active} count already includes it. From another
     * thread the request joins the connection's queue of streams to open, which one task on its event loop
     * opens and then flushes at once: a burst of requests from a completion thread costs one hand-off to
     * the event loop and one write to the socket, not one of each per request.
     */
    void startStream(Queued queued) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            openStream(queued, true); // in a read, Netty flushes once after it anyway
            return;
        }
        toOpen.add(queued);
        if (openScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(() -> openQueued());
            } catch (Throwable e) { // the event loop is shutting down: the transport is closing
                openScheduled.set(false);
                Queued refused;
                while ((refused = toOpen.poll()) != null) {
                    refused.drop();
                    session.streamGone(this);
                    Queued failed = refused;
                    Completions.fail(failed.result,
                            () -> Queued.connectFailure(session.host, session.exchanges, e));
                }
            }
        }
    }

    private void openQueued() {
        openScheduled.set(false); // first: a request added from now on schedules another round
        Queued next;
        while ((next = toOpen.poll()) != null) {
            openStream(next, false);
        }
        channel.flush();
    }

    private void openStream(Queued queued, boolean flush) {
        FullHttpRequest nettyRequest;
        try {
            nettyRequest = queued.take();
            if (nettyRequest == null && !queued.result.isDone()) {
                nettyRequest = session.requests.toNetty(queued.request); // sent again
            }
        } catch (Throwable e) {
            session.streamGone(this);
            Completions.fail(queued.result, () -> session.exchangeHandler.failure(e));
            return;
        }
        if (nettyRequest == null || queued.result.isDone()) {
            ReferenceCountUtil.release(nettyRequest);
            session.streamGone(this); // timed out, cancelled or closed first
            return;
        }
        FullHttpRequest toWrite = nettyRequest;
        streams.open().addListener((Future<Http2StreamChannel> opened) -> {
            if (!opened.isSuccess()) {
                ReferenceCountUtil.release(toWrite);
                session.streamGone(this);
                session.resendOrFail(queued.request, queued.result, queued.resends,
                        ConnectionFailures.notConnected(session.host, opened.cause()));
                return;
            }
            Http2StreamChannel stream = opened.getNow();
            stream.closeFuture().addListener(done -> {
                if (stream.stream().state() == Http2Stream.State.IDLE) {
                    session.streamGone(this); // never opened in Netty: no onStreamClosed will come
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
                    session.streamEvents.resend(stream,
                            "the stream could not be opened (" + Completions.describe(cause) + ")");
                } else {
                    Completions.fail(queued.result, () -> session.exchangeHandler.failure(cause));
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
}
