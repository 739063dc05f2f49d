package io.aioarango.transport.netty;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoException;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.ConnectionFailures;
import io.aioarango.transport.spi.support.PendingExchanges;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportRequest;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A request not yet on a connection (HTTP/1.1) or a stream (HTTP/2), and what both sessions do alike
 * around one. Its Netty request is written once, or released once.
 */
final class Queued {
    private static final AtomicReferenceFieldUpdater<Queued, FullHttpRequest> NETTY_REQUEST =
            AtomicReferenceFieldUpdater.newUpdater(Queued.class, FullHttpRequest.class, "nettyRequest");

    final TransportRequest request;
    final CompletableFuture<TransportResponse> result;
    /** How often it was sent again already, after a server said it never processed it (HTTP/2). */
    final int resends;
    private volatile FullHttpRequest nettyRequest;
    /**
     * HTTP/1.1: set, under the session's lock, once it is not or no longer in the session's waiting queue: a
     * request that ends then need not search that queue (a linear scan).
     */
    volatile boolean dequeued;
    /** HTTP/1.1: the exchange it started on a connection, which its end frees. */
    volatile Exchange exchange;

    Queued(TransportRequest request, FullHttpRequest nettyRequest, CompletableFuture<TransportResponse> result,
            int resends) {
        this.request = request;
        this.nettyRequest = nettyRequest;
        this.result = result;
        this.resends = resends;
    }

    /** The request to write, or {@code null} if it was taken or dropped already. */
    FullHttpRequest take() {
        return NETTY_REQUEST.getAndSet(this, null);
    }

    void drop() {
        ReferenceCountUtil.release(take());
    }

    /**
     * The request as Netty writes it, or {@code null} with {@code result} failed: Netty checks header names
     * and values here, so a wrong request fails before it takes a place in any queue.
     */
    static FullHttpRequest build(Host host, String authority, TransportRequest request,
            CompletableFuture<TransportResponse> result) {
        try {
            return NettyHttpSession.toNetty(request, authority);
        } catch (RuntimeException e) {
            result.completeExceptionally(e); // the caller's request is wrong (e.g. a header value): nothing sent
        } catch (Throwable e) {
            Completions.fail(result, () -> new ArangoConnectionException(host, "could not build the request: "
                    + Completions.describe(e), false, e));
        }
        return null;
    }

    /** Opening a connection failed: the requests waiting for it surely were not sent. */
    static ArangoException connectFailure(Host host, PendingExchanges exchanges, Throwable cause) {
        if (exchanges.isClosed()) {
            return exchanges.closedError();
        }
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return ConnectionFailures.connectTimedOut(host, cause);
        }
        return ConnectionFailures.notConnected(host, cause);
    }

    /**
     * TLS for a connection to {@code host}: its certificate must name the host, unless the client's TLS
     * settings turned that off (their trust managers then skip it too).
     */
    static SslHandler tls(SslContext context, Channel channel, Host host, TransportOptions options) {
        SslHandler ssl = context.newHandler(channel.alloc(), host.hostname(), host.port());
        if (options.tls().verifyHostnames()) {
            SSLEngine engine = ssl.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        Duration handshakeTimeout = options.connectTimeout();
        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return ssl;
    }
}
