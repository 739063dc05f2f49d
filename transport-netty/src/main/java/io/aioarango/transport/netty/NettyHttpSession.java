package io.aioarango.transport.netty;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.HttpResponse;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.api.internal.PendingExchanges;
import io.aioarango.api.spi.HttpRequest;
import io.aioarango.api.spi.HttpSession;
import io.aioarango.api.spi.PoolStats;
import io.aioarango.api.spi.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The session of one coordinator: a {@link FixedChannelPool} of HTTP/1.1 keep-alive connections, at
 * most {@code maxConnectionsPerHost} of them, with at most {@code maxPendingRequestsPerHost} requests
 * waiting for one. A connection carries one exchange at a time; a connection whose exchange did not
 * end cleanly (timeout, cancel, error) is closed rather than reused.
 */
final class NettyHttpSession implements HttpSession {
    /** The exchange a connection carries now; absent while it is idle in the pool. */
    static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf("aioarango.exchange");
    /** Headers the transport sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "transfer-encoding");

    private final Host host;
    private final TransportOptions options;
    private final SslContext sslContext;
    private final Consumer<NettyHttpSession> onClose;
    private final PendingExchanges exchanges;
    private final ChannelGroup channels;
    private final FixedChannelPool pool;
    private final ExchangeHandler handler;
    private final AtomicInteger waiting = new AtomicInteger();

    /** One request on one connection; {@code reusable} is set before the result completes. */
    static final class Exchange {
        final CompletableFuture<HttpResponse> result;
        volatile boolean reusable;

        Exchange(CompletableFuture<HttpResponse> result) {
            this.result = result;
        }
    }

    NettyHttpSession(Host host, Bootstrap bootstrap, TransportOptions options, SslContext sslContext,
            Consumer<NettyHttpSession> onClose) {
        this.host = host;
        this.options = options;
        this.sslContext = sslContext;
        this.onClose = onClose;
        EventExecutor loop = bootstrap.config().group().next();
        this.exchanges = new PendingExchanges(host, options.requestTimeout(), loop);
        // stayClosed: a connection still being opened when the session closes is closed as it joins.
        this.channels = new DefaultChannelGroup("aioarango " + host, loop, true);
        this.handler = new ExchangeHandler(host, options.maxResponseBytes());
        this.pool = new FixedChannelPool(bootstrap, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel channel) {
                channels.add(channel);
                initPipeline(channel);
            }
        }, ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL,
                options.requestTimeout().toMillis(), options.maxConnectionsPerHost(),
                options.maxPendingRequestsPerHost(), true, true);
    }

    private void initPipeline(Channel channel) {
        if (sslContext != null) {
            SslHandler ssl = sslContext.newHandler(channel.alloc(), host.hostname(), host.port());
            SSLEngine engine = ssl.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            engine.setSSLParameters(parameters);
            ssl.setHandshakeTimeoutMillis(options.connectTimeout().toMillis());
            channel.pipeline().addLast("tls", ssl);
        }
        channel.pipeline()
                .addLast("http", new HttpClientCodec())
                .addLast("aggregate", new HttpObjectAggregator((int) options.maxResponseBytes()))
                .addLast("idle", new IdleStateHandler(0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("exchange", handler);
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public CompletableFuture<HttpResponse> send(HttpRequest request) {
        CompletableFuture<HttpResponse> result = exchanges.begin();
        if (result.isDone()) {
            return result;
        }
        FullHttpRequest nettyRequest;
        try {
            nettyRequest = toNetty(request); // Netty checks header names and values here: fail before the pool
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        waiting.incrementAndGet();
        pool.acquire().addListener(acquired -> {
            waiting.decrementAndGet();
            if (acquired.isSuccess()) {
                start((Channel) acquired.getNow(), nettyRequest, result);
            } else {
                nettyRequest.release();
                result.completeExceptionally(acquireFailure(acquired.cause()));
            }
        });
        return result;
    }

    private void start(Channel channel, FullHttpRequest request, CompletableFuture<HttpResponse> result) {
        if (result.isDone()) {
            request.release();
            pool.release(channel); // timed out, cancelled or closed while waiting: the connection is unused
            return;
        }
        Exchange exchange = new Exchange(result);
        channel.attr(EXCHANGE).set(exchange);
        result.whenComplete((response, failure) -> {
            channel.attr(EXCHANGE).compareAndSet(exchange, null);
            if (!exchange.reusable) {
                channel.close(); // mid-exchange: what arrives next would belong to no one
            }
            pool.release(channel);
        });
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                result.completeExceptionally(handler.failure(written.cause()));
            }
        });
    }

    private FullHttpRequest toNetty(HttpRequest request) {
        ByteBuf content = request.hasBody() ? Unpooled.wrappedBuffer(request.body()) : Unpooled.EMPTY_BUFFER;
        FullHttpRequest nettyRequest = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.valueOf(request.method().name()), request.target(), content);
        io.netty.handler.codec.http.HttpHeaders headers = nettyRequest.headers();
        request.headers().asMap().forEach((name, values) -> {
            if (!RESTRICTED.contains(name)) {
                headers.add(name, values);
            }
        });
        headers.set(HttpHeaderNames.HOST, host.authority());
        if (request.hasBody() || request.method().name().startsWith("P")) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
        return nettyRequest;
    }

    /** Getting a connection failed: the request surely was not sent. */
    private Throwable acquireFailure(Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new ArangoConnectionException(host, "connect timed out", false, cause);
        }
        if (cause instanceof ConnectException) {
            return new ArangoConnectionException(host, "connection refused", false, cause);
        }
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            return new ArangoConnectionException(host, "unknown host", false, cause);
        }
        if (cause instanceof TimeoutException) {
            return new ArangoTimeoutException(host, options.requestTimeout(), cause);
        }
        if (exchanges.isClosed()) {
            return exchanges.closedError();
        }
        if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("outstanding")) {
            // FixedChannelPool's full queue of waiting acquires
            return new RequestQueueFullException(host, options.maxConnectionsPerHost(),
                    options.maxPendingRequestsPerHost());
        }
        return new ArangoConnectionException(host, "no connection: " + cause, false, cause);
    }

    @Override
    public Optional<PoolStats> poolStats() {
        int active = pool.acquiredChannelCount();
        return Optional.of(new PoolStats(active, Math.max(0, channels.size() - active), waiting.get()));
    }

    @Override
    public void close() {
        if (exchanges.close()) {
            // Not pool.close(): FixedChannelPool closes on Netty's JVM-wide GlobalEventExecutor and waits
            // there for each idle connection, forever once our event loops have stopped, stalling every
            // Netty user in the JVM. The pool holds only connections, and the group closes them all.
            channels.close();
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "NettyHttpSession[" + host + "]";
    }
}
