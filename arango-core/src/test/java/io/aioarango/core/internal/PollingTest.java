package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a wait asks and when it gives up, on a manual clock: every step runs on the test's thread as the clock
 * is advanced, so the times asserted are exact and no test waits on the wall clock.
 */
class PollingTest {
    private final ManualClock clock = new ManualClock();
    private final List<Polling> made = new ArrayList<>();

    @AfterEach
    void close() {
        made.forEach(Polling::close);
    }

    private Polling polling(Duration first, Duration max) {
        Polling polling = new Polling(Runnable::run, first, max, clock, () -> clock);
        made.add(polling);
        return polling;
    }

    /** Answers {@code answer(now)} at once, noting when it was asked, in milliseconds of the clock. */
    private Supplier<CompletableFuture<String>> asking(List<Long> askedAt, Supplier<String> answer) {
        return () -> {
            askedAt.add(clock.elapsed().toMillis());
            return CompletableFuture.completedFuture(answer.get());
        };
    }

    private static RuntimeException stillPending(String last, Throwable failure) {
        return new IllegalStateException("still " + last, failure);
    }

    /**
     * The defaults scaled down tenfold (25 ms doubling to 500 ms), a 600 ms timeout and a job done at 400 ms.
     * Pauses that only doubled would ask at 0, 25, 75, 175 and 375 ms, and then not before 775 ms: the job
     * would be reported still pending. Near the deadline a pause is cut to half the time left (225 / 2).
     */
    @Test
    void aJobThatEndsInTheLastLongPauseIsSeenDone() {
        Polling polling = polling(Duration.ofMillis(25), Duration.ofMillis(500));
        List<Long> askedAt = new ArrayList<>();

        CompletableFuture<String> wait = polling.until(
                asking(askedAt, () -> clock.elapsed().toMillis() >= 400 ? "DONE" : "PENDING"), "DONE"::equals,
                polling.deadlineAfter(Duration.ofMillis(600)), PollingTest::stillPending);
        clock.advance(Duration.ofMillis(600));

        assertThat(wait).isCompletedWithValue("DONE");
        assertThat(askedAt).containsExactly(0L, 25L, 75L, 175L, 375L, 487L);
        assertThat(clock.pending()).as("nothing of the wait is left scheduled").isEmpty();
    }

    /**
     * The last question leaves its answer time before the deadline, and none is asked at it. Pauses from 100 ms
     * and a 1 s timeout: asked at 0, 100, 300, 650 and 825 ms; then half the time left (87 ms) is shorter than
     * the first pause, so the deadline's own task ends the wait at exactly 1 s with the last answer.
     */
    @Test
    void noQuestionIsAskedAtTheDeadline() {
        Polling polling = polling(Duration.ofMillis(100), Duration.ofMillis(500));
        List<Long> askedAt = new ArrayList<>();

        CompletableFuture<String> wait = polling.until(asking(askedAt, () -> "PENDING"), "DONE"::equals,
                polling.deadlineAfter(Duration.ofSeconds(1)), PollingTest::stillPending);
        clock.advance(Duration.ofMillis(999));

        assertThat(askedAt).containsExactly(0L, 100L, 300L, 650L, 825L);
        assertThat(wait).as("a millisecond before the deadline").isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(wait).isCompletedExceptionally();
        assertThat(wait.handle((value, failure) -> failure).join()).hasMessage("still PENDING");
        assertThat(askedAt).as("none at the deadline").hasSize(5);
    }

    /** Pauses double from the first up to the longest and stay there: 10, 20, 40, 40, 40 ms. */
    @Test
    void pausesDoubleUpToTheLongest() {
        Polling polling = polling(Duration.ofMillis(10), Duration.ofMillis(40));
        List<Long> askedAt = new ArrayList<>();

        polling.until(asking(askedAt, () -> "PENDING"), "DONE"::equals, polling.deadlineAfter(Duration.ofHours(1)),
                PollingTest::stillPending);
        clock.advance(Duration.ofMillis(150));

        assertThat(askedAt).containsExactly(0L, 10L, 30L, 70L, 110L, 150L);
    }

    /** No coordinator could answer for a moment: asked again after each pause; the deadline names that failure. */
    @Test
    void aTransientFailureIsAskedAgainAndAnyOtherEndsTheWait() {
        Polling polling = polling(Duration.ofMillis(10), Duration.ofMillis(10));
        ArangoConnectionException refused = new ArangoConnectionException(new Host("http", "a", 8529), "refused",
                false, null);
        List<Long> askedAt = new ArrayList<>();
        CompletableFuture<String> retried = polling.until(() -> {
            askedAt.add(clock.elapsed().toMillis());
            return CompletableFuture.failedFuture(refused);
        }, "DONE"::equals, polling.deadlineAfter(Duration.ofMillis(50)), PollingTest::stillPending);
        clock.advance(Duration.ofMillis(50));

        assertThat(askedAt).as("then half the 10 ms left is shorter than the pause")
                .containsExactly(0L, 10L, 20L, 30L, 40L);
        assertThat(retried.handle((value, failure) -> failure).join()).hasMessage("still null").hasCause(refused);

        IllegalArgumentException wrong = new IllegalArgumentException("no such job");
        CompletableFuture<String> ended = polling.until(() -> CompletableFuture.failedFuture(wrong), "DONE"::equals,
                polling.deadlineAfter(Duration.ofMillis(50)), PollingTest::stillPending);
        assertThat(ended.handle((value, failure) -> failure).join()).as("at once, without a pause").isSameAs(wrong);
    }

    /** What {@code done} throws (a failed job) ends the wait with it, and cancelling a wait cancels its question. */
    @Test
    void aFailureOfDoneEndsTheWaitAndACancelReachesTheQuestion() {
        Polling polling = polling(Duration.ofMillis(10), Duration.ofMillis(10));
        IllegalStateException failed = new IllegalStateException("job failed");
        CompletableFuture<String> judged = polling.until(() -> CompletableFuture.completedFuture("FAILED"), answer -> {
            throw failed;
        }, polling.deadlineAfter(Duration.ofSeconds(1)), PollingTest::stillPending);
        assertThat(judged.handle((value, failure) -> failure).join()).isSameAs(failed);

        CompletableFuture<String> question = new CompletableFuture<>();
        CompletableFuture<String> wait = polling.until(() -> question, "DONE"::equals,
                polling.deadlineAfter(Duration.ofSeconds(1)), PollingTest::stillPending);
        wait.cancel(false);
        assertThat(question).isCancelled();
        assertThat(clock.pending()).as("the deadline is cancelled with the wait").isEmpty();
    }

    /** Closing the client fails every wait still running, and a wait begun after that fails at once. */
    @Test
    void closingFailsEveryWait() {
        Polling polling = polling(Duration.ofMillis(10), Duration.ofMillis(10));
        CompletableFuture<String> running = polling.until(() -> CompletableFuture.completedFuture("PENDING"),
                "DONE"::equals, polling.deadlineAfter(Duration.ofSeconds(1)), PollingTest::stillPending);

        polling.close();

        assertThat(running.handle((value, failure) -> failure).join()).hasMessageContaining("is closed");
        CompletableFuture<String> late = polling.until(() -> CompletableFuture.completedFuture("DONE"),
                "DONE"::equals, polling.deadlineAfter(Duration.ofSeconds(1)), PollingTest::stillPending);
        assertThat(late.handle((value, failure) -> failure).join()).hasMessageContaining("is closed");
    }

    /** A deadline is read on the polling's own clock; a timeout beyond a century waits a century. */
    @Test
    void aDeadlineIsOnThePollingsClockAndAtMostACentury() {
        Polling polling = polling(Duration.ofMillis(10), Duration.ofMillis(10));
        clock.advance(Duration.ofSeconds(7));

        assertThat(polling.deadlineAfter(Duration.ofMinutes(30)))
                .isEqualTo(Duration.ofSeconds(7).plusMinutes(30).toNanos());
        assertThat(polling.deadlineAfter(Duration.ofDays(365L * 1_000)))
                .isEqualTo(Duration.ofSeconds(7).plusDays(36_500).toNanos());
    }
}
