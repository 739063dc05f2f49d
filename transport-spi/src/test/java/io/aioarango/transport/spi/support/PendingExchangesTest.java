package io.aioarango.transport.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.TransportResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deadline and the close sweep end every future handed out, whatever else goes wrong. */
class PendingExchangesTest {
    private static final Host HOST = new Host("http", "127.0.0.1", 8529);

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    PendingExchangesTest() {
        timer.setRemoveOnCancelPolicy(true); // as the transports set it
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private static <T> Throwable failureOf(CompletableFuture<T> future) {
        assertThat(future).isCompletedExceptionally();
        return future.handle((value, failure) -> failure).join();
    }

    @Test
    void theDeadlineFailsAFutureNothingElseEnds() {
        PendingExchanges exchanges = new PendingExchanges(HOST, Duration.ofMillis(50), timer);

        CompletableFuture<TransportResponse> future = exchanges.begin();

        assertThat(future).failsWithin(Duration.ofSeconds(10));
        assertThat(failureOf(future)).isInstanceOfSatisfying(ArangoTimeoutException.class,
                e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(50)));
    }

    /** Before, anything but a RejectedExecutionException from the timer escaped begin() as it was. */
    @Test
    void aTimerThatCannotTakeTheDeadlineFailsTheFutureInsteadOfThrowing() {
        ScheduledExecutorService broken = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                throw new Error("unable to create a task");
            }

            @Override
            public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
                throw new Error("unable to create a task");
            }
        };
        try {
            PendingExchanges exchanges = new PendingExchanges(HOST, Duration.ofSeconds(30), broken);

            CompletableFuture<TransportResponse> future = exchanges.begin();

            assertThat(failureOf(future)).isInstanceOfSatisfying(ArangoConnectionException.class,
                    e -> assertThat(e.requestSent()).isFalse()).hasMessageContaining("could not start the request");
            assertThat(exchanges.close()).isTrue();
        } finally {
            broken.shutdownNow();
        }
    }

    @Test
    void closingFailsEveryPendingFutureEvenWhenACallbackThrows() {
        PendingExchanges exchanges = new PendingExchanges(HOST, Duration.ofSeconds(30), timer);
        List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            CompletableFuture<TransportResponse> future = exchanges.begin();
            future.whenComplete((response, failure) -> {
                throw new StackOverflowError("a caller's callback");
            });
            futures.add(future);
        }

        assertThat(exchanges.close()).isTrue();
        assertThat(exchanges.close()).isFalse();

        assertThat(futures).allSatisfy(future -> assertThat(failureOf(future))
                .isInstanceOfSatisfying(ArangoConnectionException.class, e -> assertThat(e.requestSent()).isTrue())
                .hasMessage(HOST + ": session closed while the request was pending"));
        assertThat(timer.getQueue()).as("deadlines taken off the timer").isEmpty();
        assertThat(failureOf(exchanges.begin())).hasMessage(HOST + ": session closed");
    }

    @Test
    void aFailureThatCannotBeBuiltStillEndsTheFuture() {
        CompletableFuture<String> future = new CompletableFuture<>();
        OutOfMemoryError outOfMemory = new OutOfMemoryError("no room for the message");

        Completions.fail(future, () -> {
            throw outOfMemory;
        });

        assertThat(failureOf(future)).isSameAs(outOfMemory);
    }
}
