package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.core.internal.Coordinators.Coordinator;
import io.aioarango.transport.spi.TransportResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The back-off of a coordinator that is down, on a manual clock: when its probes go out, how each failed
 * or unanswered probe doubles the wait up to the maximum, and what brings it back. Nothing waits on the wall
 * clock; every time asserted is exact.
 */
class HealthBackoffTest {
    private static final Duration INITIAL = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(4);
    private final ManualClock clock = new ManualClock();
    private final Host host = new Host("http", "a", 8529);
    private final CoordinatorsTest.RecordingTransport transport = new CoordinatorsTest.RecordingTransport();
    /** The probes sent, unanswered until the test answers them. */
    private final List<CompletableFuture<TransportResponse>> probes = transport.answers;
    private final ClientMetrics metrics = new ClientMetrics(new SimpleMeterRegistry());
    private final Coordinators coordinators = new Coordinators(transport, List.of(host), INITIAL, MAX, metrics);
    private final HealthWatch watch = new HealthWatch(coordinators, clock, metrics, 0, clock);
    private final Coordinator coordinator = coordinators.active().get(0);

    @AfterEach
    void close() {
        clock.shutdownNow();
        coordinators.close();
    }

    /** Advances the clock to just before {@code at} (from the start), then to it: the probe goes out exactly then. */
    private CompletableFuture<TransportResponse> probeAt(Duration at) {
        int before = probes.size();
        clock.advance(at.minus(clock.elapsed()).minusNanos(1));
        assertThat(probes).as("no probe before %s", at).hasSize(before);
        clock.advance(Duration.ofNanos(1));
        assertThat(probes).as("a probe at %s", at).hasSize(before + 1);
        assertThat(transport.sent.get(before).path()).isEqualTo("/_admin/server/availability");
        return probes.get(before);
    }

    @Test
    void failedProbesDoubleTheBackoffUpToTheMaximumAndAnAnswerBringsItBack() {
        watch.unreachable(coordinator, new IOException("connection refused"));
        assertThat(coordinator.health.isUp()).isFalse();
        assertThat(coordinator.health.backoff()).isEqualTo(INITIAL);

        probeAt(Duration.ofSeconds(1)).completeExceptionally(new IOException("connection refused"));
        assertThat(coordinator.health.backoff()).isEqualTo(Duration.ofSeconds(2));
        probeAt(Duration.ofSeconds(3)).complete(TransportResponse.of(503, Headers.empty(), new byte[0]));
        assertThat(coordinator.health.backoff()).as("503 is a failed probe too").isEqualTo(MAX);
        probeAt(Duration.ofSeconds(7)).completeExceptionally(new IOException("connection refused"));
        assertThat(coordinator.health.backoff()).as("capped").isEqualTo(MAX);

        probeAt(Duration.ofSeconds(11)).complete(TransportResponse.of(200, Headers.empty(), new byte[0]));

        assertThat(coordinator.health.isUp()).isTrue();
        assertThat(coordinator.health.backoff()).isEqualTo(Duration.ZERO);
        clock.advance(Duration.ofMinutes(1));
        assertThat(probes).as("an available coordinator is not probed").hasSize(4);
    }

    /** A probe unanswered for two seconds is cancelled and counts as failed: the next is a doubled back-off later. */
    @Test
    void anUnansweredProbeTimesOutAndDoublesTheBackoff() {
        watch.unreachable(coordinator, new IOException("connection reset"));
        CompletableFuture<TransportResponse> silent = probeAt(Duration.ofSeconds(1));

        clock.advance(Duration.ofNanos(HealthWatch.PROBE_TIMEOUT_NANOS).minusNanos(1));
        assertThat(silent).isNotDone();
        clock.advance(Duration.ofNanos(1));

        assertThat(silent).isCancelled();
        assertThat(coordinator.health.backoff()).isEqualTo(Duration.ofSeconds(2));
        probeAt(Duration.ofSeconds(5));
    }

    /** The requests in flight when a coordinator dies fail together: they count as one failure, not several. */
    @Test
    void failuresWhileDownNeitherGrowTheBackoffNorStartASecondChainOfProbes() {
        watch.unreachable(coordinator, new IOException("connection refused"));
        clock.advance(Duration.ofMillis(400));
        watch.unreachable(coordinator, new IOException("connection refused"));
        watch.unreachable(coordinator, new IOException("connection refused"));

        assertThat(coordinator.health.backoff()).isEqualTo(INITIAL);
        probeAt(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(probes).as("one probe in flight, one chain").hasSize(1);
    }

    /**
     * Only an answer to a request sent after the coordinator went down brings it back: a late answer to an
     * attempt already in flight says nothing of it now.
     */
    @Test
    void anAnswerToARequestSentBeforeTheCoordinatorWentDownDoesNotBringItBack() {
        clock.advance(Duration.ofSeconds(10));
        long sentBefore = clock.getAsLong() - 1;
        watch.unreachable(coordinator, new IOException("connection refused"));

        watch.answered(coordinator, sentBefore);
        assertThat(coordinator.health.isUp()).isFalse();

        watch.answered(coordinator, clock.getAsLong());
        assertThat(coordinator.health.isUp()).isTrue();
    }

    /** The back-off itself, at explicit times: a probe may go out once it has passed, not a nanosecond sooner. */
    @Test
    void aProbeIsDueExactlyWhenTheBackoffHasPassed() {
        HostHealth health = new HostHealth(INITIAL, MAX, new AtomicInteger());
        long downAt = 5_000;

        assertThat(health.markDown(downAt)).isTrue();
        assertThat(health.untilProbe(downAt)).isEqualTo(INITIAL.toNanos());
        assertThat(health.claimProbe(downAt + INITIAL.toNanos() - 1)).isFalse();
        assertThat(health.claimProbe(downAt + INITIAL.toNanos())).isTrue();
        assertThat(health.claimProbe(downAt + INITIAL.toNanos())).as("one probe at a time").isFalse();

        long failedAt = downAt + INITIAL.toNanos() + 300;
        health.probeFailed(failedAt);
        assertThat(health.untilProbe(failedAt)).as("doubled, from the failure").isEqualTo(2 * INITIAL.toNanos());
        assertThat(health.downSince()).isEqualTo(downAt);
    }
}
