package io.aioarango.transport.jdk;

import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.ResponseBodyBuffer;
import io.aioarango.transport.spi.support.ResponseChecks;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads one response body into a {@link ResponseBodyBuffer}: each buffer java.net.http hands over is
 * copied in and let go at once, so the answer is held once, and the array becomes the response's body
 * without another copy. The whole answer goes to the session from here, on the thread that read its end,
 * not through the future {@code sendAsync} returned (see {@code JdkHttpSession.Exchange#sent}). A body
 * over the limit, or one the heap cannot hold, fails the exchange and cancels the subscription, so that
 * java.net.http closes the connection instead of reusing it.
 */
final class BufferingBodySubscriber implements java.net.http.HttpResponse.BodySubscriber<TransportResponse> {
    private final Host host;
    private final long maxResponseBytes;
    private final int status;
    private final Headers headers;
    private final CompletableFuture<TransportResponse> response = new CompletableFuture<>();
    private final Runnable beforeJdkCompletes;
    private final Consumer<TransportResponse> answered;
    private ResponseBodyBuffer body;
    private Flow.Subscription subscription;

    BufferingBodySubscriber(Host host, long maxResponseBytes, int status, Headers headers, ResponseBodyBuffer body,
            Runnable beforeJdkCompletes, Consumer<TransportResponse> answered) {
        this.host = host;
        this.beforeJdkCompletes = beforeJdkCompletes;
        this.answered = answered;
        this.maxResponseBytes = maxResponseBytes;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (response.isDone()) {
            return;
        }
        try {
            for (ByteBuffer item : items) {
                body.append(item);
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body = null;
        // Passed on as it is: the session sorts java.net.http's failures out, with the exchange's.
        Completions.fail(response, () -> failure);
    }

    @Override
    public void onComplete() {
        try {
            ResponseBodyBuffer complete = body;
            body = null;
            TransportResponse answer = complete.toResponse(status, headers);
            beforeJdkCompletes.run();
            response.complete(answer); // java.net.http ends its exchange (the connection is back in its pool)
            answered.accept(answer); // then the caller hears of it, on this thread
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** Anything thrown while reading (a limit passed, the heap short) ends the exchange, never the reader. */
    private void fail(Throwable failure) {
        body = null; // let what was read go before building the failure
        try {
            subscription.cancel();
        } catch (Throwable ignored) {
            // the connection is closed after the failure anyway (JdkHttpSession.closeConnectionOf)
        }
        Completions.fail(response, () -> ResponseChecks.readFailure(host, maxResponseBytes, failure));
    }

    @Override
    public CompletionStage<TransportResponse> getBody() {
        return response;
    }
}
