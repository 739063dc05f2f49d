package io.aioarango.transport.jdk;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body published from the request's own read-only buffer, so that the body is not copied into
 * an array first ({@link HttpRequest.BodyPublishers#ofByteArray} needs one). Each subscription, e.g. a
 * retry of the JDK's own, gets the whole body once.
 */
final class BufferPublisher implements HttpRequest.BodyPublisher {
    private final ByteBuffer body;

    BufferPublisher(ByteBuffer body) {
        this.body = body;
    }

    @Override
    public long contentLength() {
        return body.remaining();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        AtomicBoolean done = new AtomicBoolean();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (!done.compareAndSet(false, true)) {
                    return;
                }
                if (n <= 0) { // Reactive Streams rule 3.9
                    subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                    return;
                }
                if (body.hasRemaining()) {
                    subscriber.onNext(body.duplicate());
                }
                subscriber.onComplete();
            }

            @Override
            public void cancel() {
                done.set(true);
            }
        });
    }
}
