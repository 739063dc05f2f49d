package io.aioarango.transport.jdk;

import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.ArangoResponse;
import io.aioarango.api.spi.Completions;
import io.aioarango.api.spi.ResponseBodyBuffer;
import io.aioarango.api.spi.ResponseChecks;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads one response body into a {@link ResponseBodyBuffer}: each buffer java.net.http hands over is
 * copied in and let go at once, so the answer is held once, and the array becomes the response's body
 * without another copy. A body over the limit, or one the heap cannot hold, fails the exchange and
 * cancels the subscription, so that java.net.http closes the connection instead of reusing it.
 */
final class BufferingBodySubscriber implements java.net.http.HttpResponse.BodySubscriber<ArangoResponse> {
    private final Host host;
    private final long maxResponseBytes;
    private final int status;
    private final Headers headers;
    private final CompletableFuture<ArangoResponse> response = new CompletableFuture<>();
    private ResponseBodyBuffer body;
    private Flow.Subscription subscription;

    BufferingBodySubscriber(Host host, long maxResponseBytes, int status, Headers headers, ResponseBodyBuffer body) {
        this.host = host;
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
            response.complete(complete.toResponse(status, headers));
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
    public CompletionStage<ArangoResponse> getBody() {
        return response;
    }
}
