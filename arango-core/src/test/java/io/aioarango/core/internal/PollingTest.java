package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a wait asks, measured on a fake answer that comes at once. */
class PollingTest {
    private final Polling polling = new Polling(Runnable::run, Duration.ofMillis(25), Duration.ofMillis(500));

    @AfterEach
    void close() {
        polling.close();
    }

    /**
     * The defaults scaled down tenfold (25 ms doubling to 500 ms), a 600 ms timeout and a job done at 400 ms.
     * Pauses that only doubled would ask at 0, 25, 75, 175 and 375 ms, and then not before 775 ms: the job
     * would be reported still pending. Near the deadline a pause is cut to half the time left.
     */
    @Test
    void aJobThatEndsInTheLastLongPauseIsSeenDone() throws Exception {
        long start = System.nanoTime();
        long doneAt = start + TimeUnit.MILLISECONDS.toNanos(400);
        List<Long> askedAt = new CopyOnWriteArrayList<>();

        CompletableFuture<String> wait = polling.until(() -> {
            askedAt.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return CompletableFuture.completedFuture(System.nanoTime() >= doneAt ? "DONE" : "PENDING");
        }, "DONE"::equals, start + TimeUnit.MILLISECONDS.toNanos(600),
                (last, failure) -> new IllegalStateException("still " + last + "; asked at " + askedAt + " ms"));

        assertThat(wait.get(5, TimeUnit.SECONDS)).as("asked at %s ms", askedAt).isEqualTo("DONE");
    }

    /** The last question leaves its answer time before the deadline, and none is asked at it. */
    @Test
    void noQuestionIsAskedInTheLastFirstPauseBeforeTheDeadline() {
        long start = System.nanoTime();
        List<Long> askedAt = new CopyOnWriteArrayList<>();

        CompletableFuture<String> wait = polling.until(() -> {
            askedAt.add(System.nanoTime() - start);
            return CompletableFuture.completedFuture("PENDING");
        }, "DONE"::equals, start + TimeUnit.MILLISECONDS.toNanos(300),
                (last, failure) -> new IllegalStateException("still " + last));

        assertThat(wait.handle((value, failure) -> failure).join()).hasMessageContaining("still PENDING");
        // Each question comes at least a first pause (25 ms) before the deadline.
        assertThat(askedAt).isNotEmpty().allSatisfy(nanos ->
                assertThat(TimeUnit.NANOSECONDS.toMillis(nanos)).isLessThanOrEqualTo(300 - 25));
    }
}
