package io.aioarango.transport.jdk;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into one array, or fails with {@link TooLarge} as soon as it passes the
 * limit, cancelling the subscription so that java.net.http closes the connection instead of reusing it.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    /** The body passed the limit; {@link JdkHttpSession} turns it into the SPI's exception. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("response body over the limit", null);
        }
    }

    private final long limit;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private Flow.Subscription subscription;
    private long size;

    private LimitedBodySubscriber(long limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> {
            LimitedBodySubscriber subscriber = new LimitedBodySubscriber(limit);
            if (info.headers().firstValueAsLong("content-length").orElse(0) > limit) {
                subscriber.body.completeExceptionally(new TooLarge());
            }
            return subscriber;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (body.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            size += item.remaining();
            buffers.add(item);
        }
        if (size > limit) {
            buffers.clear();
            subscription.cancel();
            body.completeExceptionally(new TooLarge());
        }
    }

    @Override
    public void onError(Throwable failure) {
        buffers.clear();
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        byte[] all = new byte[(int) size];
        int offset = 0;
        for (ByteBuffer buffer : buffers) {
            int length = buffer.remaining();
            buffer.get(all, offset, length);
            offset += length;
        }
        buffers.clear();
        body.complete(all);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
