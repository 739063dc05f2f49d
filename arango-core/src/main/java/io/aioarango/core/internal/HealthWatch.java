package io.aioarango.core.internal;

import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.core.internal.Coordinators.Coordinator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Takes coordinators out and brings them back. A coordinator that could not be reached is marked down; one
 * whose attempts were slow {@code ejectAfter} times in a row (overtaken by their hedges, timed out, or
 * answered far later than the operation's usual) is ejected, while another answers in time and no more
 * than a third of the coordinators are ejected. Either way no
 * user request goes there while it is down: once its back-off has passed, the client's own probe,
 * {@code GET /_admin/server/availability} without credentials, asks it, and any answer but 503 brings it
 * back; a probe that fails, or is not answered within {@link #PROBE_TIMEOUT_NANOS}, doubles the back-off.
 * The back-off is measured on a clock of nanoseconds, {@link System#nanoTime()} unless a test gives its own.
 */
final class HealthWatch {
    private static final System.Logger LOG = System.getLogger(HealthWatch.class.getName());
    /** How long a probe may go unanswered: a coordinator that takes longer to say it is available is not. */
    static final long PROBE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** The least time before a probe is asked again, so that no chain of probes can spin. */
    private static final long MIN_PROBE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How often a latency that no attempt renewed is halved. */
    private static final long LATENCY_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final TransportRequest PROBE = new TransportRequest(HttpMethod.GET, "/_admin/server/availability",
            Headers.empty(), null);

    private final Coordinators coordinators;
    private final ScheduledExecutorService timer;
    private final ClientMetrics metrics;
    private final int ejectAfter;
    private final LongSupplier nanoTime;

    /**
     * @param timer      runs the probes and their timeouts; shut down by the client
     * @param ejectAfter slow attempts in a row that eject a coordinator; 0 never ejects
     */
    HealthWatch(Coordinators coordinators, ScheduledExecutorService timer, ClientMetrics metrics, int ejectAfter) {
        this(coordinators, timer, metrics, ejectAfter, System::nanoTime);
    }

    /** @param nanoTime the clock back-offs are measured on; {@code timer}'s delays are taken to be on it too */
    HealthWatch(Coordinators coordinators, ScheduledExecutorService timer, ClientMetrics metrics, int ejectAfter,
            LongSupplier nanoTime) {
        this.coordinators = coordinators;
        this.timer = timer;
        this.metrics = metrics;
        this.ejectAfter = ejectAfter;
        this.nanoTime = nanoTime;
        timer.scheduleWithFixedDelay(this::ageLatencies, LATENCY_AGE_NANOS, LATENCY_AGE_NANOS, TimeUnit.NANOSECONDS);
    }

    private void ageLatencies() {
        for (Coordinator coordinator : coordinators.active()) {
            coordinator.ageLatency();
        }
    }

    /** The coordinator could not be reached. */
    void unreachable(Coordinator coordinator, Throwable reason) {
        boolean wentDown = coordinator.health.markDown(nanoTime.getAsLong());
        probeLater(coordinator); // nothing if its probe is scheduled already
        if (wentDown) {
            LOG.log(System.Logger.Level.WARNING, () -> "Coordinator " + coordinator.host + " is down ("
                    + reason.getMessage() + "); probing it again in " + coordinator.health.backoff().toMillis() + " ms");
        }
    }

    /** The coordinator answered a request sent at {@code started}. */
    void answered(Coordinator coordinator, long started) {
        if (coordinator.health.markUp(started)) {
            coordinator.forgetLatency();
            LOG.log(System.Logger.Level.WARNING, () -> "Coordinator " + coordinator.host + " is back");
        }
    }

    /** One of the coordinator's attempts was slow; {@code why} says how, for the log. */
    void slow(Coordinator coordinator, String why) {
        if (ejectAfter == 0 || !coordinator.health.isUp() || coordinator.retired()) {
            return;
        }
        int inARow = coordinator.health.slow();
        if (inARow < ejectAfter || !mayEject(coordinator)) {
            return;
        }
        if (coordinator.health.eject(nanoTime.getAsLong())) {
            probeLater(coordinator);
            LOG.log(System.Logger.Level.WARNING, () -> "Coordinator " + coordinator.host + " is ejected: " + inARow
                    + " attempts in a row were slow (the last " + why + "); probing it again in "
                    + coordinator.health.backoff().toMillis() + " ms");
            try {
                metrics.ejected(coordinator.host);
            } catch (RuntimeException e) { // the user's meter registry: it costs the count, never the ejection
                LOG.log(System.Logger.Level.WARNING, "Recording an ejection failed", e);
            }
        }
    }

    /**
     * Whether {@code coordinator} is an outlier that may go: another coordinator is up and answering in
     * time (its last attempt was not slow), so the slowness is this one's and not the client's own or the
     * whole cluster's; and no more than a third of the coordinators (at least one) are ejected at once, so
     * that ejections cannot cascade until the last coordinator carries everything.
     */
    private boolean mayEject(Coordinator coordinator) {
        List<Coordinator> all = coordinators.active();
        boolean anotherTimely = false;
        int ejected = 0;
        for (Coordinator other : all) {
            if (other == coordinator) {
                continue;
            }
            anotherTimely |= other.health.isUp() && other.health.slowInARow() == 0;
            ejected += other.health.isEjected() ? 1 : 0;
        }
        return anotherTimely && ejected < Math.max(1, all.size() / 3);
    }

    /** Schedules the next probe of a coordinator that is down, unless one is scheduled already. */
    private void probeLater(Coordinator coordinator) {
        if (!coordinator.health.claimProbeSchedule()) {
            return;
        }
        long delay = Math.max(MIN_PROBE_DELAY_NANOS, coordinator.health.untilProbe(nanoTime.getAsLong()));
        try {
            timer.schedule(() -> probe(coordinator), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            coordinator.health.probeTaskRan(); // the client is closing: nothing left to probe for
        }
    }

    private void probe(Coordinator coordinator) {
        coordinator.health.probeTaskRan();
        if (coordinator.retired() || coordinator.health.isUp()) {
            return; // gone, or back by an answer to a request sent while every coordinator was down
        }
        if (!coordinator.health.claimProbe(nanoTime.getAsLong())) {
            if (!coordinator.health.isProbing()) {
                probeLater(coordinator); // not yet due: its back-off was pushed back meanwhile
            } // else the probe in flight schedules the next one when it ends
            return;
        }
        CompletableFuture<TransportResponse> sent;
        coordinator.started();
        try {
            sent = coordinator.session.send(PROBE);
        } catch (Throwable e) {
            coordinator.finished(-1);
            probed(coordinator, null, e);
            return;
        }
        try {
            timer.schedule(() -> sent.cancel(false), PROBE_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            sent.cancel(false);
        }
        sent.whenComplete((response, failure) -> {
            coordinator.finished(-1); // a probe's time says nothing of the coordinator's load
            probed(coordinator, response, failure);
        });
    }

    private void probed(Coordinator coordinator, TransportResponse response, Throwable failure) {
        if (coordinator.retired()) {
            return;
        }
        if (response != null && response.status() != 503) {
            if (coordinator.health.markUp()) {
                coordinator.forgetLatency();
                LOG.log(System.Logger.Level.WARNING, () -> "Coordinator " + coordinator.host + " is back (its probe was "
                        + "answered with HTTP " + response.status() + ")");
            }
            return;
        }
        coordinator.health.probeFailed(nanoTime.getAsLong()); // the back-off doubles
        LOG.log(System.Logger.Level.DEBUG, () -> "Probe of coordinator " + coordinator.host + " failed ("
                + (response != null ? "HTTP " + response.status() : String.valueOf(failure)) + "); again in "
                + coordinator.health.backoff().toMillis() + " ms");
        probeLater(coordinator);
    }
}
