package io.aioarango.transport.tck;

import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request's future, watched: when it completed, how often, and with what; and what
 * {@link HostileServerContractTest} checks of it.
 */
final class WatchedRequest {
    /** How long a watched request is waited for: past the suite's request timeout. */
    private static final Duration WAIT = HostileServerContractTest.REQUEST_TIMEOUT.plusSeconds(4);

    final CompletableFuture<TransportResponse> future;
    final long started;
    final AtomicInteger completions = new AtomicInteger();
    volatile long completedAt;
    volatile Object firstOutcome;

    /** @param started when the request was handed to the session: its deadline runs from there */
    WatchedRequest(long started, CompletableFuture<TransportResponse> future) {
        this.started = started;
        this.future = future;
        future.whenComplete((response, failure) -> {
            completedAt = System.nanoTime();
            firstOutcome = failure != null ? failure : response;
            completions.incrementAndGet();
        });
    }

    /** From sending to completion; waits for the completion callback, which may run just after get() returns. */
    Duration took() {
        eventually("the completion callback ran", () -> completions.get() > 0);
        return Duration.ofNanos(completedAt - started);
    }

    Throwable failure() {
        try {
            TransportResponse response = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + response + ": " + response.bodyAsString());
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            throw new AssertionError("the future was cancelled, not failed", e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the future did not complete within " + WAIT, e);
        }
    }

    TransportResponse response() {
        return Waiting.result(future, WAIT);
    }

    /** Completed once, and what a second completion attempt (a late timeout, a close) did changed nothing. */
    void assertCompletedOnce() {
        eventually("the completion callback ran", () -> completions.get() > 0);
        assertThat(completions).hasValue(1);
        Object now = future.handle((response, failure) -> failure != null ? failure : response).join();
        Object first = firstOutcome instanceof CompletionException wrapped ? wrapped.getCause() : firstOutcome;
        assertThat(now).isSameAs(first);
    }


    static WatchedRequest send(HttpSession session, String target) {
        long started = System.nanoTime(); // before send, which can be slow on a cold JVM: the deadline runs already
        TransportRequest request = new TransportRequest(HttpMethod.GET, target, Headers.empty(), null);
        return new WatchedRequest(started, session.send(request));
    }

    /** The failure is the SDK's own, said the request was sent, came at once, and left no connection. */
    static ArangoConnectionException assertSentAndFailedAtOnce(WatchedRequest request, HostileServer server) {
        Throwable failure = request.failure();
        assertThat(failure).isInstanceOf(ArangoConnectionException.class);
        ArangoConnectionException connectionFailure = (ArangoConnectionException) failure;
        assertThat(connectionFailure.requestSent()).as("requestSent of %s", failure).isTrue();
        assertThat(connectionFailure.host()).isEqualTo(server.host());
        assertThat(failure).hasMessageStartingWith(server.host() + ": ");
        assertThat(request.took()).as("failed at once: %s", failure).isLessThan(HostileServerContractTest.AT_ONCE);
        assertNoConnectionLeft(server);
        request.assertCompletedOnce();
        return connectionFailure;
    }

    static void assertNoConnectionLeft(HostileServer server) {
        eventually(() -> "the transport closed every connection: " + server, () -> server.openConnections() == 0);
    }
}
