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

    /**
     * The last question leaves its answer time before the deadline, and none is asked at it. Pauses from 100 ms
     * and a 1 s timeout: asked at 0, 100, 300, 650 and 825 ms, then half the time left (87 ms) is shorter than
     * the first pause. The earlier rule asked once more at 1,000 ms; the bound leaves room for a late timer.
     */
    @Test
    void noQuestionIsAskedAtTheDeadline() {
        Polling longer = new Polling(Runnable::run, Duration.ofMillis(100), Duration.ofMillis(500));
        long start = System.nanoTime();
        List<Long> askedAt = new CopyOnWriteArrayList<>();
        try {
            CompletableFuture<String> wait = longer.until(() -> {
                askedAt.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                return CompletableFuture.completedFuture("PENDING");
            }, "DONE"::equals, start + TimeUnit.SECONDS.toNanos(1),
                    (last, failure) -> new IllegalStateException("still " + last));

            assertThat(wait.handle((value, failure) -> failure).join()).hasMessageContaining("still PENDING");
            assertThat(askedAt).as("asked at (ms)").isNotEmpty()
                    .allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(1_000 - 50));
        } finally {
            longer.close();
        }
    }
}
