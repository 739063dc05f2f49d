package io.aioarango.transport.netty;

import io.aioarango.api.Host;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.DeadlineTimer;
import io.aioarango.transport.spi.support.PendingExchanges;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.PoolStats;
import io.aioarango.transport.spi.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The session of one coordinator: a pool of HTTP/1.1 keep-alive connections, at most
 * {@code maxConnectionsPerHost} of them busy, with at most {@code maxPendingRequestsPerHost} requests
 * waiting for one. A connection carries one exchange at a time; a connection whose exchange did not end
 * cleanly (timeout, cancel, error) is closed rather than reused.
 *
 * <p>The pool is the session's own rather than Netty's {@code FixedChannelPool}: that one closes on
 * Netty's JVM-wide {@code GlobalEventExecutor} and blocks there, and its queued acquires outlive a
 * close, each opening a connection on event loops that are shutting down (and logging an error for each).
 * Closed here, nothing new starts: the queued requests fail and every connection closes.
 */
final class NettyHttpSession implements HttpSession, Exchange.Owner {
    /** Bytes the codec hands over at a time: fewer, larger parts to copy. */
    private static final int MAX_CHUNK = 64 * 1024;

    private final Host host;
    private final TransportOptions options;
    private final SslContext sslContext;
    private final Consumer<NettyHttpSession> onClose;
    private final Bootstrap bootstrap;
    private final PendingExchanges exchanges;
    private final ChannelGroup channels;
    private final ExchangeHandler handler;

    private final Object lock = new Object();
    /** Open connections carrying nothing, the most recently used first. */
    private final ArrayDeque<Channel> idle = new ArrayDeque<>(); // guarded by lock
    /** The requests waiting for a connection slot; guarded by lock. */
    private final Admission admission;
    /** Connections carrying an exchange or being opened for one: at most maxConnectionsPerHost. */
    private int busy; // guarded by lock
    private boolean closed; // guarded by lock
    private final NettyRequests requests;

    NettyHttpSession(Host host, Bootstrap bootstrap, TransportOptions options, SslContext sslContext,
            DeadlineTimer deadlines, Consumer<NettyHttpSession> onClose) {
        this.host = host;
        this.requests = new NettyRequests(host, true);
        this.options = options;
        this.sslContext = sslContext;
        this.onClose = onClose;
        EventExecutor loop = bootstrap.config().group().next();
        this.exchanges = new PendingExchanges(host, options.requestTimeout(), deadlines);
        // stayClosed: a connection still being opened when the session closes is closed as it joins.
        this.channels = new DefaultChannelGroup("aioarango " + host, loop, true);
        this.handler = new ExchangeHandler(host, options);
        this.admission = new Admission(lock, host, options, exchanges);
        this.bootstrap = bootstrap.handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                initPipeline(channel);
            }
        });
    }

    private void initPipeline(Channel channel) {
        if (sslContext != null) {
            channel.pipeline().addLast("tls", Tls.handler(sslContext, channel, host, options));
        }
        int headerLimit = options.maxResponseHeaderBytes();
        // The codec's own limits sit above ours (it also counts ": " per line), so that ours, the same on
        // every transport, decides; the codec's only stop what ours would refuse anyway.
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(headerLimit)
                .setMaxHeaderSize((int) Math.min(Integer.MAX_VALUE - 8, 2L * headerLimit + 1024))
                .setMaxChunkSize(MAX_CHUNK);
        channel.pipeline()
                .addLast("http", new HttpClientCodec(decoder, false, false))
                .addLast("idle", new IdleStateHandler(0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("exchange", handler);
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
        Queued next = new Queued(request, nettyRequest, result, 0);
        Admission.Verdict verdict;
        Channel channel = null;
        synchronized (lock) {
            verdict = admission.admit(next, closed, busy < options.maxConnectionsPerHost());
            if (verdict == Admission.Verdict.START) {
                busy++;
                channel = pollIdle();
            }
        }
        switch (verdict) {
            case START -> {
                result.whenComplete((response, failure) -> end(next, failure));
                begin(next, channel);
            }
            // Started by the exchange that frees a connection (end).
            case WAIT -> result.whenComplete((response, failure) -> end(next, failure));
            default -> admission.refuse(verdict, next);
        }
        return result;
    }

    /**
     * A request's future completed, however (answer, failure, timeout, cancel, close): the one stage of the
     * request's life in the session. On a connection, its exchange ends, which frees the connection (at once
     * for an answer read whole, which ended it before). Still waiting, it leaves the queue and its request is
     * released. Taken off the queue but not yet started, {@link #start} sees it done.
     */
    private void end(Queued request, Throwable failure) {
        Exchange exchange = request.exchange;
        if (exchange != null) {
            exchange.end(failure == null && exchange.reusable);
        } else {
            admission.withdraw(request);
        }
    }

    /** An open idle connection, or {@code null}; closed ones met on the way are dropped. */
    private Channel pollIdle() {
        Channel channel;
        while ((channel = idle.poll()) != null) {
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** Starts a request that holds a connection slot: on {@code channel}, or on a new connection. */
    private void begin(Queued request, Channel channel) {
        if (channel != null) {
            reuse(channel, request);
            return;
        }
        ChannelFuture connecting;
        try {
            connecting = bootstrap.connect();
        } catch (Throwable e) { // e.g. the event loops were shut down
            request.drop();
            Completions.fail(request.result, () -> Queued.connectFailure(host, exchanges, e));
            end(null, false);
            return;
        }
        Channel opened = connecting.channel();
        channels.add(opened); // closed with the session, even while still connecting
        opened.closeFuture().addListener(closed -> {
            synchronized (lock) {
                idle.remove(opened);
            }
        });
        connecting.addListener(connected -> {
            if (connected.isSuccess()) {
                start(opened, request);
            } else {
                request.drop();
                Completions.fail(request.result, () -> Queued.connectFailure(host, exchanges, connected.cause()));
                end(opened, false);
            }
        });
    }

    /**
     * Starts a request on a connection taken from the pool, on that connection's event loop, where whether it
     * is still open is certain: one that closed since it was taken (keep-alive found its peer gone, the
     * server or the idle timeout closed it) is not written to, which would fail the request as one that may
     * have been sent; the request, surely not sent, gets a new connection in the same slot instead. From
     * another thread this costs no more than the write would: Netty hands a write to the event loop too.
     */
    private void reuse(Channel channel, Queued request) {
        EventLoop loop = channel.eventLoop();
        if (!loop.inEventLoop()) {
            try {
                loop.execute(() -> reuse(channel, request));
            } catch (Throwable e) { // the event loops were shut down: the transport is closing
                request.drop();
                Completions.fail(request.result, () -> Queued.connectFailure(host, exchanges, e));
                end(channel, false);
            }
            return;
        }
        if (channel.isActive() || request.result.isDone()) {
            start(channel, request); // a request that ended meanwhile frees the slot there
        } else {
            begin(request, null);
        }
    }

    /** Writes the request on {@code channel}; never throws, so that the slot and the future always end. */
    private void start(Channel channel, Queued request) {
        CompletableFuture<TransportResponse> result = request.result;
        boolean slotHandedOver = false;
        try {
            FullHttpRequest nettyRequest = request.take();
            if (nettyRequest == null || result.isDone()) {
                ReferenceCountUtil.release(nettyRequest);
                slotHandedOver = true;
                end(channel, true); // timed out, cancelled or closed first: the connection is unused
                return;
            }
            Exchange exchange = new Exchange(result, request.request.method(), null, this, channel, 0);
            channel.attr(Exchange.EXCHANGE).set(exchange);
            // Mid-exchange, what would arrive next would belong to no one: only a whole answer frees it.
            request.exchange = exchange;
            slotHandedOver = true;
            if (result.isDone()) {
                // Ended since the check above, perhaps before `end` could see the exchange: end it here (once).
                ReferenceCountUtil.release(nettyRequest);
                exchange.end(false);
                return;
            }
            // A listener, not the void promise: on a connection that closed meanwhile (a stale keep-alive one)
            // the void promise fires no exceptionCaught, and the exchange would wait for its deadline.
            channel.writeAndFlush(nettyRequest).addListener(written -> {
                if (!written.isSuccess()) {
                    Completions.fail(result, () -> handler.failure(written.cause()));
                }
            });
        } catch (Throwable e) {
            Completions.fail(result, () -> handler.failure(e)); // ends the slot too, once handed over
            if (!slotHandedOver) {
                request.drop();
                end(channel, false);
            }
        }
    }

    /**
     * A connection slot was freed, by an exchange that ended or a connection that failed to open: hands
     * it to the next request waiting, if any.
     */
    @Override
    public void end(Channel channel, boolean reusable) {
        Queued next;
        Channel forNext = null;
        boolean keep;
        synchronized (lock) {
            keep = reusable && !closed && channel != null && channel.isActive();
            next = closed ? null : admission.poll();
            if (next == null) {
                busy--;
                if (keep) {
                    idle.push(channel);
                }
            } else {
                forNext = keep ? channel : pollIdle();
            }
        }
        if (!keep && channel != null) {
            channel.close();
        }
        if (next != null) {
            begin(next, forNext);
        }
    }

    @Override
    public Optional<PoolStats> poolStats() {
        synchronized (lock) {
            return Optional.of(new PoolStats(busy, idle.size(), admission.size()));
        }
    }

    @Override
    public void close() {
        List<Queued> dropped;
        synchronized (lock) {
            if (closed) {
                return;
            }
            // First, so that no slot freed by the failures below hands a queued request a connection.
            closed = true;
            dropped = admission.clear();
            idle.clear();
        }
        exchanges.close(); // fails every pending request: waiting ones are dropped, busy ones close
        dropped.forEach(Queued::drop);
        channels.close();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "NettyHttpSession[" + host + "]";
    }
}
