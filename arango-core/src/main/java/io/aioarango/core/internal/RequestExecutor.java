package io.aioarango.core.internal;

import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.core.ArangoObservationContext;
import io.aioarango.core.ArangoObservationConvention;
import io.aioarango.core.Hedging;
import io.aioarango.core.internal.Coordinators.Coordinator;
import io.aioarango.transport.spi.TransportRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The attempt loop of every request. Each attempt asks the resolver for a coordinator among those that
 * are up and not yet tried by this request, sends through that coordinator's session, and classifies
 * the outcome:
 * <ul>
 * <li>the request surely did not reach a server (refused, connect timeout, unknown host): the
 *     coordinator is marked down and the next one is tried, whatever the method;</li>
 * <li>503 with errorNum 503, 30 or 21003 (starting, shutting down, queue full), or the local queue of
 *     the coordinator full: the next one is tried, whatever the method;</li>
 * <li>503 with {@code x-arango-endpoint} (an active-failover follower): that endpoint is followed, at most
 *     {@value #MAX_REDIRECTS} times, when it is one of the client's coordinators (configured or discovered);
 *     a server never sends the request, or the credentials, anywhere else;</li>
 * <li>any other connection failure: the next one, for idempotent requests only;</li>
 * <li>a timeout: the next one only if the builder asked for it, for idempotent requests;</li>
 * <li>anything else is the answer.</li>
 * </ul>
 * An idempotent request still unanswered after the {@link Hedging} delay is sent a second time, to another
 * coordinator: the first answer wins and the other attempt is cancelled. While one of the two is in flight,
 * the other's failure does not end the request. A coordinator whose attempts are slow again and again is
 * ejected ({@link HealthWatch}). When every coordinator not yet tried is down, the one down longest is
 * tried rather than none. The final failure names every coordinator tried. The user's future is completed on the completion
 * executor, never on an I/O thread, and exactly once whatever is thrown on the way (an {@link Error}
 * included): every step that could complete it catches {@link Throwable}.
 *
 * <p>This class is the entry and the shared parts; each request is an {@link Exchange} (its attempts, with
 * the hedging and slow-attempt state of {@link InFlightAttempts}), which picks through
 * {@link CoordinatorChoice} and records through {@link CallRecorder}.
 */public final class RequestExecutor {
    static final int MAX_REDIRECTS = 3;
    /** An attempt unanswered for this many hedge delays is slow, whether or not it was hedged... */
    static final int SLOW_FACTOR = 4;
    /** ...and for this long at least: 100 ms, so that a fast cluster's jitter never counts as slow. */
    static final long MIN_SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    // Package-private: each request (an Exchange) reads them, as an inner class read its outer's.
    final Coordinators coordinators;
    final CallRecorder recorder;
    private final HostResolver resolver;
    final Executor completion;
    final int maxAttempts;
    final AttemptClassifier classifier;
    final Hedging hedging;
    final HealthWatch health;
    final SlowAttemptWatch watch;
    final LatencyPercentile.ByOperation latencies = new LatencyPercentile.ByOperation();
    volatile boolean closed;
    /** Set by {@link #drain()}: new calls fail, those in flight carry on. */
    private volatile boolean draining;
    /** Calls started and not yet finished: a LongAdder, so that counting costs no contended write. */
    final LongAdder calls = new LongAdder();

    /**
     * @param maxAttempts    attempts per request at most, each on another coordinator, hedges included; 0
     *                       for every coordinator once
     * @param retryOnTimeout whether an idempotent request that timed out is tried on the next coordinator
     * @param timer          runs the watch of the requests in flight and the probes of coordinators that are
     *                       down; the caller shuts it down after {@link #shutdown()}
     * @param hedging        when an idempotent request is sent to a second coordinator
     * @param ejectAfter     slow attempts in a row that eject a coordinator; 0 never ejects
     * @param convention     the user's observation convention; {@code null} for the registry's or the default
     */
    public RequestExecutor(Coordinators coordinators, HostResolver resolver, Executor completion, int maxAttempts,
            boolean retryOnTimeout, ClientMetrics metrics, ObservationRegistry observations,
            ArangoObservationConvention convention, ScheduledExecutorService timer, Hedging hedging, int ejectAfter) {
        this.coordinators = coordinators;
        this.recorder = new CallRecorder(metrics, observations, convention);
        this.resolver = resolver;
        this.completion = completion;
        this.maxAttempts = maxAttempts;
        this.classifier = new AttemptClassifier(retryOnTimeout);
        this.hedging = hedging;
        this.health = new HealthWatch(coordinators, timer, metrics, ejectAfter);
        this.watch = new SlowAttemptWatch(timer);
    }

    /** Sends a user's call: its coordinators are picked by the client's resolver. */
    public <T> CompletableFuture<T> execute(DatabaseRoute route, Call<T> call) {
        return execute(route, call, resolver);
    }

    /**
     * Sends a call of the SDK's own (discovery) with {@code picker}, its own resolver, so that it never
     * takes a turn of the user's round robin.
     */
    <T> CompletableFuture<T> execute(DatabaseRoute route, Call<T> call, HostResolver picker) {
        if (closed || draining) {
            return CompletableFuture.failedFuture(closed ? closedError() : closingError());
        }
        String database = route != null ? route.name() : null; // none for a login
        if (call.prepared() != null) {
            return start(call, call.prepared(), picker, null, null, null, database, null);
        }
        Authentication auth = route.authentication();
        String header = auth.header();
        if (header != null) {
            return start(call, route.toHttp(call.request(), header), picker, null, auth.isStatic() ? null : route,
                    header, database, null);
        }
        // A token to be had first (a login, or a renewal): one for every request waiting, then this one. The
        // call's observation starts once the token is there, on the thread that got it: its parent is the
        // caller's observation of now.
        Observation parent = recorder.currentObservation();
        CompletableFuture<T> result = new CompletableFuture<>();
        auth.renew(null).whenComplete((fresh, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            if (result.isDone()) {
                return; // cancelled by the caller while the token was being had: nothing is sent
            }
            CompletableFuture<T> started;
            try {
                started = start(call, route.toHttp(call.request(), fresh), picker, null, route, fresh, database,
                        parent);
            } catch (Throwable e) { // e.g. the user's observation handler: the caller still hears
                result.completeExceptionally(e);
                return;
            }
            result.whenComplete((value, e) -> {
                if (result.isCancelled()) {
                    started.cancel(true); // the caller's cancel reaches the request, as on any other route
                }
            });
            started.whenComplete((value, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }

    /**
     * Sends a call to one coordinator alone, as a probe of that host: one attempt, neither failed over,
     * hedged nor redirected, so its answer or failure is that coordinator's. Its outcome marks the host up
     * or down as any attempt's does.
     *
     * @param call a call with its {@link Call#prepared() prepared} request, which is sent as it is
     */
    <T> CompletableFuture<T> executeOn(Host host, Call<T> call) {
        if (closed || draining) {
            return CompletableFuture.failedFuture(closed ? closedError() : closingError());
        }
        Coordinator coordinator = coordinators.find(host);
        if (coordinator == null) {
            return CompletableFuture.failedFuture(new NoHostAvailableException(call.prepared().method() + " "
                    + call.prepared().path() + " (" + host + " is no longer one of the client's coordinators)",
                    Map.of()));
        }
        return start(call, call.prepared(), null, coordinator, null, null, null, null); // outside any database
    }

    /** The coordinators requests go to now, in order. */
    List<Host> hosts() {
        return coordinators.hosts();
    }

    /**
     * @param route  the route whose token the request carries, which a 401 for an invalid token renews
     *               once; {@code null} for requests whose credentials never change
     * @param header the {@code Authorization} value sent, when {@code route} is given
     * @param database the database the request goes to, for its observation; {@code null} for none
     * @param parent the observation the call's is a child of; {@code null} for the current one, if any
     */
    private <T> CompletableFuture<T> start(Call<T> call, TransportRequest http, HostResolver picker,
            Coordinator pinned, DatabaseRoute route, String header, String database, Observation parent) {
        // No handler, no observation: nothing is made per call, not even a context.
        ArangoObservationContext context = null;
        Observation observation = null;
        if (recorder.observing()) {
            context = new ArangoObservationContext(call.request().operation(), call.request().method(), database);
            observation = recorder.start(context, parent);
        }
        Exchange<T> exchange = new Exchange<>(this, call, http, picker, pinned, observation, context, route, header);
        calls.increment();
        if (pinned == null) {
            watch.watch(exchange);
        }
        exchange.attempt();
        return exchange.user;
    }

    /** Fails every new call from now on; the calls in flight carry on (failovers, hedges and all). */
    public void drain() {
        draining = true;
    }

    /** Calls started and not finished yet. */
    public long callsInFlight() {
        return calls.sum();
    }

    /** Fails every request from now on; the sessions' owner fails those in flight. */
    public void shutdown() {
        closed = true;
        watch.close();
    }

    /** What every call on a closed client fails with. */
    private static IllegalStateException closingError() {
        return new IllegalStateException("This ArangoClient is closing: it finishes the calls in flight and takes "
                + "no new ones; build a new client to send requests");
    }

    public static IllegalStateException closedError() {
        return new IllegalStateException("This ArangoClient is closed; build a new one to send requests");
    }

    /** How long an attempt goes unanswered before it is slow, given the hedge delay of its operation. */
    static long slowNanos(long hedgeDelayNanos) {
        return Math.max(SLOW_FACTOR * hedgeDelayNanos, MIN_SLOW_NANOS);
    }
}
