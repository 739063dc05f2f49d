package io.aioarango.transport.netty;

import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportRequest;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One request on one channel: an HTTP/1.1 connection, or an HTTP/2 stream. {@link ExchangeHandler} reads
 * its answer the same way on both. {@code reusable} is set before the result completes.
 */
final class Exchange {
    /** The exchange a channel carries now; absent while an HTTP/1.1 connection is idle in its pool. */
    static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf("aioarango.exchange");

    /** Where an exchange's channel goes when it ends. */
    interface Owner {
        /**
         * The exchange on {@code channel} ended.
         *
         * @param clean whether the whole answer was read and the channel may carry another exchange
         */
        void end(Channel channel, boolean clean);
    }

    final CompletableFuture<TransportResponse> result;
    final HttpMethod method;
    /** The request, kept where it may have to be sent again (an HTTP/2 stream the server never processed). */
    final TransportRequest request;
    /** How often the request was sent again already. */
    final int resends;
    final ExchangeHandler.Reading reading = new ExchangeHandler.Reading();
    /** The owner and channel; null in a test of the handler alone. */
    private final Owner owner;
    private final Channel channel;
    volatile boolean reusable;
    /** 1 once {@link #end} ran; a field, not an AtomicBoolean, to spare an object per request. */
    private volatile int ended;
    private static final AtomicIntegerFieldUpdater<Exchange> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(Exchange.class, "ended");

    Exchange(CompletableFuture<TransportResponse> result, HttpMethod method) {
        this(result, method, null, null, null, 0);
    }

    Exchange(CompletableFuture<TransportResponse> result, HttpMethod method, TransportRequest request, Owner owner,
            Channel channel, int resends) {
        this.resends = resends;
        this.result = result;
        this.method = method;
        this.request = request;
        this.owner = owner;
        this.channel = channel;
    }

    /**
     * Frees the channel once. Called before the caller's future completes when the answer is whole, so that
     * a caller sending its next request at once finds the connection free.
     */
    void end(boolean clean) {
        if (ENDED.compareAndSet(this, 0, 1) && owner != null) {
            channel.attr(EXCHANGE).compareAndSet(this, null);
            owner.end(channel, clean);
        }
    }

    /** Takes the exchange off its channel without ending it, for a request sent again elsewhere. */
    boolean detach() {
        return ENDED.compareAndSet(this, 0, 1) && channel.attr(EXCHANGE).compareAndSet(this, null);
    }
}
