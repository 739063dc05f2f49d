package io.aioarango.transport.netty;

import io.aioarango.api.ArangoException;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.support.ConnectionFailures;
import io.aioarango.transport.spi.support.PendingExchanges;
import io.aioarango.transport.spi.TransportRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A request not yet on a connection (HTTP/1.1) or a stream (HTTP/2). Its Netty request is written once, or
 * released once.
 */
final class Queued {
    private static final AtomicReferenceFieldUpdater<Queued, FullHttpRequest> NETTY_REQUEST =
            AtomicReferenceFieldUpdater.newUpdater(Queued.class, FullHttpRequest.class, "nettyRequest");

    final TransportRequest request;
    final CompletableFuture<TransportResponse> result;
    /** How often it was sent again already, after a server said it never processed it (HTTP/2). */
    final int resends;
    private volatile FullHttpRequest nettyRequest;
    /** In the session's waiting queue: set under the session's lock, read without it (see {@link Admission}). */
    volatile boolean waiting;
    /** Its neighbours in that queue; guarded by the session's lock. */
    Queued previous;
    Queued next;
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
}
