package io.aioarango.core.internal;

import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.core.internal.Coordinators.Coordinator;
import io.aioarango.transport.spi.TransportResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One request's attempts in flight as the slow-attempt watch sees them: which coordinator each is on and
 * since when, the hedge that may go out beside the first, and whether a coordinator was told slow.
 * {@link Exchange} extends it with what drives the attempts (send, classify, fail over, finish). A base
 * class rather than a part, so that a request is still one object, and its state one set of fields.
 *
 * <p>They run one after another, but for a hedge, which runs beside the attempt it hedges: what both may
 * touch (the failures, the count of attempts) is guarded by the request, and {@code active} counts the
 * attempts in flight, so that only the last one to fail carries on.
 */
abstract class InFlightAttempts extends SlowAttemptWatch.Watched {
    static final AtomicIntegerFieldUpdater<InFlightAttempts> ACTIVE =
            AtomicIntegerFieldUpdater.newUpdater(InFlightAttempts.class, "active");
    static final AtomicIntegerFieldUpdater<InFlightAttempts> FINISHED =
            AtomicIntegerFieldUpdater.newUpdater(InFlightAttempts.class, "finished");

    final RequestExecutor executor;
    final HostResolver picker;
    private final boolean seesLoad;
    /** The one coordinator of a probe ({@link RequestExecutor#executeOn}); {@code null} for a routed request. */
    final Coordinator pinned;
    final LatencyPercentile latency;
    private final boolean hedgeable;
    /** The failed attempts, in order; made on the first failure, since most requests have none. */
    Map<Host, Throwable> failures = Map.of(); // guarded by this
    int attempts;                             // guarded by this
    /** The request's own attempt, the latest: its coordinator, start and future (for a cancel). */
    volatile Coordinator current;
    volatile long currentStarted;
    volatile CompletableFuture<TransportResponse> inFlight;
    /** The coordinator a hedge left behind, once one went out, and the hedge's future. */
    volatile Coordinator hedgedFrom;
    private volatile Coordinator hedgeTarget;
    volatile CompletableFuture<TransportResponse> hedgeInFlight;
    volatile boolean hedgeAnswered;
    volatile boolean answered;
    /** The watch's thread only: whether a hedge was looked for, and the start of the attempt told slow. */
    private boolean hedgeLookedFor;
    private volatile long slowToldFor = -1;
    volatile int active; // attempts in flight
    volatile boolean cancelled;
    /** Set once, by the step that ends the request; the caller's future completes after, elsewhere. */
    volatile int finished; // 1 once set; a field, not an AtomicBoolean, to spare an object per call

    InFlightAttempts(RequestExecutor executor, HostResolver picker, Coordinator pinned, String operation,
            boolean idempotent) {
        this.executor = executor;
        this.picker = picker;
        this.seesLoad = CoordinatorChoice.seesLoad(picker);
        this.pinned = pinned;
        this.latency = executor.latencies.of(operation);
        this.hedgeable = pinned == null && executor.hedging.enabled() && idempotent;
    }

    /**
     * Sends the request to {@code coordinator}.
     *
     * @param counted whether the attempt's slot in {@code active} is counted already: a hedge's, counted
     *                under the lock, or the slot of an attempt this one continues (a redirect, a retry
     *                with a renewed token)
     */
    abstract void send(Coordinator coordinator, boolean hedge, boolean counted);

    final boolean isDone() {
        return finished != 0 || cancelled;
    }

    final void cancelAttempts() {
        CompletableFuture<TransportResponse> sent = inFlight;
        if (sent != null) {
            sent.cancel(false);
        }
        CompletableFuture<TransportResponse> hedge = hedgeInFlight;
        if (hedge != null) {
            hedge.cancel(false);
        }
    }

    /** The coordinator of the hedge still in flight, which a failover must not pick again; else null. */
    final Coordinator hedgeInFlightAt() {
        CompletableFuture<TransportResponse> hedge = hedgeInFlight;
        return hedgeTarget != null && (hedge == null || !hedge.isDone()) ? hedgeTarget : null;
    }

    final int attemptLimit(Coordinators.Pool pool) {
        return executor.maxAttempts > 0 ? executor.maxAttempts : pool.coordinators().size();
    }

    /** See {@link CoordinatorChoice#choose}; called with this request's lock held. */
    final Coordinator choose(Coordinators.Pool pool, Coordinator exclude, boolean anyway) {
        return CoordinatorChoice.choose(executor.coordinators, pool, failures, exclude, anyway, picker, seesLoad);
    }

    final synchronized void remember(Coordinator coordinator, Throwable failure) {
        if (failures.isEmpty()) {
            failures = new LinkedHashMap<>();
        }
        failures.put(coordinator.host, failure);
    }

    /**
     * Looked at by the watch a few times a second while the request is in flight: an attempt unanswered
     * for the hedge delay is hedged, and one unanswered for longer tells its coordinator slow.
     */
    @Override
    final boolean check(long now) {
        if (isDone()) {
            return false;
        }
        CompletableFuture<TransportResponse> attempt = inFlight;
        Coordinator at = current;
        if (attempt == null || attempt.isDone()) {
            return true; // between two attempts
        }
        if (!latency.trusted()) {
            return true; // too few answers yet to tell a slow attempt from a usual one
        }
        long started = currentStarted;
        // A pause of the client's own made every attempt late at once: count from its end, so that
        // the pause sends no storm of hedges and tells no coordinator slow.
        long pause = executor.watch.lastPause();
        long elapsed = now - (pause - started > 0 ? pause : started);
        long delay = executor.hedging.delayNanos(latency.p95Nanos());
        if (hedgeable && !hedgeLookedFor && elapsed >= delay) {
            hedgeLookedFor = true;
            hedge(at, attempt);
        }
        if (slowToldFor != started && elapsed >= RequestExecutor.slowNanos(delay)) {
            slowToldFor = started;
            executor.health.slow(at, "was unanswered after " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
        }
        return true;
    }

    /**
     * Sends the request to a second coordinator, beside the attempt on {@code slow}, if one is up and the
     * budget allows. The slot is counted in {@code active} under the lock, so that a failover of the first
     * attempt meanwhile waits for the hedge rather than starting a third attempt, and does not pick the
     * hedge's coordinator.
     */
    private void hedge(Coordinator slow, CompletableFuture<TransportResponse> slowAttempt) {
        Coordinator target;
        synchronized (this) {
            Coordinators.Pool pool = executor.coordinators.pool();
            if (isDone() || executor.closed || attempts >= attemptLimit(pool) || current != slow
                    || inFlight != slowAttempt || slowAttempt.isDone()) {
                return;
            }
            target = choose(pool, slow, false);
            if (target == null || !executor.watch.takeHedge()) {
                return;
            }
            attempts++;
            ACTIVE.incrementAndGet(this);
            hedgedFrom = slow;
            hedgeTarget = target;
        }
        send(target, true, true);
    }

    /**
     * Whether the attempt started at {@code started} is to be told slow now: once per attempt, and not when
     * a pause of the client's own made it late. Marks it told.
     */
    private boolean tellSlow(long started) {
        if (slowToldFor != started && !executor.watch.pausedSince(started)) {
            slowToldFor = started;
            return true;
        }
        return false;
    }

    /** A timeout of a routed request tells its coordinator slow. */
    final void timedOut(Coordinator coordinator, long started) {
        if (pinned == null && tellSlow(started)) {
            executor.health.slow(coordinator, "timed out");
        }
    }

    /** An answer in time counts toward the coordinator's timeliness; a late one tells it slow. */
    final void timed(Coordinator coordinator, long started, long nanos) {
        if (pinned == null && latency.trusted()) {
            long slowNanos = RequestExecutor.slowNanos(executor.hedging.delayNanos(latency.p95Nanos()));
            if (nanos < slowNanos) {
                coordinator.health.timely();
            } else if (tellSlow(started)) {
                executor.health.slow(coordinator, "was answered after " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
            }
        }
    }

    /**
     * An attempt's answer is the request's: a hedge that answered first overtook the attempt it hedged,
     * which tells that coordinator slow.
     */
    final void answered(Coordinator coordinator, boolean hedge) {
        if (finished != 0) {
            return;
        }
        answered = true;
        if (!hedge) {
            return;
        }
        hedgeAnswered = true;
        Coordinator overtaken = current;
        CompletableFuture<TransportResponse> attempt = inFlight;
        long started = currentStarted;
        if (overtaken != null && attempt != null && !attempt.isDone() && tellSlow(started)) {
            executor.health.slow(overtaken, "was overtaken by its hedge to " + coordinator.host + " after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
    }

    /**
     * What the attempt tells of its coordinator's latency, for routing: nothing after the caller's cancel;
     * a server error or a failure at least {@link RequestExecutor#MIN_SLOW_NANOS}, so that a coordinator
     * failing fast does not look like the fastest and draw the load; otherwise the time it took (a loser
     * cancelled by its hedge's answer included: it was slow).
     */
    final long latencyOf(long nanos, TransportResponse response, Throwable failure) {
        if (cancelled) {
            return -1;
        }
        boolean failed = response != null ? response.status() >= 500 : !(failure instanceof CancellationException);
        return failed ? Math.max(nanos, RequestExecutor.MIN_SLOW_NANOS) : nanos;
    }
}
