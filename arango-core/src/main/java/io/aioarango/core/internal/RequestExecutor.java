package io.aioarango.core.internal;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ArangoException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.HostCandidate;
import io.aioarango.api.HostResolver;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.core.ArangoObservationContext;
import io.aioarango.core.ArangoObservationConvention;
import io.aioarango.core.DefaultArangoObservationConvention;
import io.aioarango.core.Hedging;
import io.aioarango.core.internal.Coordinators.Coordinator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
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
 */
public final class RequestExecutor {
    static final int MAX_REDIRECTS = 3;
    /** An attempt unanswered for this many hedge delays is slow, whether or not it was hedged... */
    static final int SLOW_FACTOR = 4;
    /** ...and for this long at least: 100 ms, so that a fast cluster's jitter never counts as slow. */
    static final long MIN_SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    @SuppressWarnings("rawtypes") // the updaters of a generic class's fields
    private static final AtomicIntegerFieldUpdater<Exchange> FINISHED =
            AtomicIntegerFieldUpdater.newUpdater(Exchange.class, "finished");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Exchange> ACTIVE =
            AtomicIntegerFieldUpdater.newUpdater(Exchange.class, "active");
    private static final System.Logger LOG = System.getLogger(RequestExecutor.class.getName());
    private static final ArangoObservationConvention DEFAULT_CONVENTION = new DefaultArangoObservationConvention();
    /** Whether a resolver's class overrides {@link HostResolver#choose}: looked up once per class. */
    private static final ClassValue<Boolean> SEES_LOAD = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("choose", List.class).getDeclaringClass() != HostResolver.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private final Coordinators coordinators;
    private final ClientMetrics metrics;
    private final ObservationRegistry observations;
    /** The user's convention; {@code null} for the registry's global one, else {@link #DEFAULT_CONVENTION}. */
    private final ArangoObservationConvention convention;
    private final HostResolver resolver;
    private final Executor completion;
    private final int maxAttempts;
    private final AttemptClassifier classifier;
    private final Hedging hedging;
    private final HealthWatch health;
    private final SlowAttemptWatch watch;
    private final LatencyPercentile.ByOperation latencies = new LatencyPercentile.ByOperation();
    private volatile boolean closed;
    /** Set by {@link #drain()}: new calls fail, those in flight carry on. */
    private volatile boolean draining;
    /** Calls started and not yet finished: a LongAdder, so that counting costs no contended write. */
    private final LongAdder calls = new LongAdder();

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
        this.metrics = metrics;
        this.observations = observations;
        this.convention = convention;
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
        Observation parent = observations.isNoop() ? null : observations.getCurrentObservation();
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
        if (!observations.isNoop()) {
            context = new ArangoObservationContext(call.request().operation(), call.request().method(), database);
            observation = observe(context, parent);
        }
        Exchange<T> exchange = new Exchange<>(call, http, picker, pinned, observation, context, route, header);
        calls.increment();
        if (pinned == null) {
            watch.watch(exchange);
        }
        exchange.attempt();
        return exchange.user;
    }

    /**
     * Starts the observation of a call; {@code null} when the registry's predicates leave it out. A handler that
     * fails to start costs the observation's accuracy, never the call: the observation is stopped all the same.
     */
    private Observation observe(ArangoObservationContext context, Observation parent) {
        Observation observation;
        try {
            observation = Observation.createNotStarted(convention, DEFAULT_CONVENTION, () -> context, observations);
            if (observation.isNoop()) {
                return null;
            }
            if (parent != null) {
                observation.parentObservation(parent);
            }
        } catch (Throwable e) { // the user's convention or predicate
            LOG.log(System.Logger.Level.WARNING, "Creating the observation of a call failed", e);
            return null;
        }
        try {
            observation.start();
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "An observation handler failed", e);
        }
        return observation;
    }

    /**
     * Ends a call's observation, if it has one: {@code by} and {@code status} are the coordinator and the HTTP
     * status of the attempt that ended it, if any.
     */
    private static void stop(Observation observation, ArangoObservationContext context, Coordinator by, int status,
            Throwable failure) {
        if (observation == null) {
            return;
        }
        try {
            context.ended(by == null ? null : by.host, status);
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        } catch (Throwable e) {
            // An observation handler of the user's failed: the call's own outcome still goes to the caller.
            LOG.log(System.Logger.Level.WARNING, "An observation handler failed", e);
        }
    }

    /** Fails every new call from now on; the calls in flight carry on (failovers, hedges and all). */
    public void drain() {
        draining = true;
    }

    /** Calls started and not finished yet. */
    public long callsInFlight() {
        return calls.sum();
    }

    /** The HTTP status of the answer a failure stands for; 0 for a failure without one. */
    private static int statusOf(Throwable failure) {
        if (failure instanceof ArangoServerException server) {
            return server.status();
        }
        return failure instanceof MalformedResponseException malformed ? malformed.status() : 0;
    }

    /** Fails every request from now on; the sessions' owner fails those in flight. */
    public void shutdown() {
        closed = true;
        watch.close();
    }

    /**
     * The future a call hands to the caller. Cancelling it (or failing it with a
     * {@link CancellationException}) cancels the request: the attempts in flight are abandoned and their
     * connections freed, and no further attempt is made. A subclass rather than a listener: no stage is
     * added to every call for the rare cancel.
     */
    private static final class CallFuture<T> extends CompletableFuture<T> {
        private final Exchange<T> exchange;

        CallFuture(Exchange<T> exchange) {
            this.exchange = exchange;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            exchange.cancel();
            return cancelled;
        }

        @Override
        public boolean completeExceptionally(Throwable failure) {
            boolean completed = super.completeExceptionally(failure);
            if (completed && failure instanceof CancellationException) {
                exchange.cancel();
            }
            return completed;
        }
    }

    /** What every call on a closed client fails with. */
    private static IllegalStateException closingError() {
        return new IllegalStateException("This ArangoClient is closing: it finishes the calls in flight and takes "
                + "no new ones; build a new client to send requests");
    }

    public static IllegalStateException closedError() {
        return new IllegalStateException("This ArangoClient is closed; build a new one to send requests");
    }

    /**
     * A transport's failure as one of the SDK's exceptions: a transport that lets a raw exception out (a
     * {@code NumberFormatException} from a header it could not parse, say) failed on an exchange that
     * may have been sent (the core checked the request before, so it is not bad input). Cancellation and
     * {@link Error}s stay what they are.
     */
    private static Throwable asSdkFailure(Coordinator coordinator, Throwable failure) {
        if (failure instanceof ArangoException || failure instanceof CancellationException
                || failure instanceof Error) {
            return failure;
        }
        return new ArangoConnectionException(coordinator.host, "transport failure: " + failure, true, failure);
    }

    private static long slowNanos(long hedgeDelayNanos) {
        return Math.max(SLOW_FACTOR * hedgeDelayNanos, MIN_SLOW_NANOS);
    }

    /**
     * One request's attempts. They run one after another, but for a hedge, which runs beside the attempt it
     * hedges: what both may touch (the failures, the count of attempts) is guarded by the exchange, and
     * {@code active} counts the attempts in flight, so that only the last one to fail carries on.
     */
    private final class Exchange<T> extends SlowAttemptWatch.Watched {
        private final Call<T> call;
        /** Sent again with a new token after a 401 for an invalid one; otherwise the same every attempt. */
        private volatile TransportRequest request;
        /** The route of a request with a renewable token, and the header it carries; else {@code null}. */
        private final DatabaseRoute tokenRoute;
        private String tokenHeader;
        private boolean tokenRenewed;
        private final HostResolver picker;
        private final boolean seesLoad;
        /** The one coordinator of a probe ({@link #executeOn}); {@code null} for a request the picker routes. */
        private final Coordinator pinned;
        /** The call's observation and its context; both {@code null} while observations are off. */
        private final Observation observation;
        private final ArangoObservationContext context;
        private final LatencyPercentile latency;
        private final boolean hedgeable;
        final CallFuture<T> user = new CallFuture<>(this);
        /** The failed attempts, in order; made on the first failure, since most requests have none. */
        private Map<Host, Throwable> failures = Map.of(); // guarded by this
        private int attempts;                             // guarded by this
        private int redirects;
        /** The request's own attempt, the latest: its coordinator, start and future (for a cancel). */
        private volatile Coordinator current;
        private volatile long currentStarted;
        private volatile CompletableFuture<TransportResponse> inFlight;
        /** The coordinator a hedge left behind, once one went out, and the hedge's future. */
        private volatile Coordinator hedgedFrom;
        private volatile Coordinator hedgeTarget;
        private volatile CompletableFuture<TransportResponse> hedgeInFlight;
        private volatile boolean hedgeAnswered;
        private volatile boolean answered;
        /** The watch's thread only: whether a hedge was looked for, and the start of the attempt told slow. */
        private boolean hedgeLookedFor;
        private volatile long slowToldFor = -1;
        private volatile int active; // attempts in flight
        private volatile boolean cancelled;
        /** Set once, by the step that ends the request; the caller's future completes after, elsewhere. */
        private volatile int finished; // 1 once set; a field, not an AtomicBoolean, to spare an object per call

        Exchange(Call<T> call, TransportRequest request, HostResolver picker, Coordinator pinned,
                Observation observation, ArangoObservationContext context, DatabaseRoute tokenRoute,
                String tokenHeader) {
            this.call = call;
            this.tokenRoute = tokenRoute;
            this.tokenHeader = tokenHeader;
            this.request = request;
            this.picker = picker;
            this.seesLoad = picker != null && SEES_LOAD.get(picker.getClass());
            this.pinned = pinned;
            this.observation = observation;
            this.context = context;
            this.latency = latencies.of(call.request().operation());
            this.hedgeable = pinned == null && hedging.enabled() && call.request().idempotent();
        }

        private boolean isDone() {
            return finished != 0 || cancelled;
        }

        /** The token expired or was revoked: one new login (shared), and this request once more, there. */
        private void renewTokenAndRetry(Coordinator coordinator, boolean hedge) {
            tokenRenewed = true;
            tokenRoute.authentication().renew(tokenHeader).whenComplete((fresh, failure) -> {
                if (failure != null) {
                    fail(coordinator, failure);
                    return;
                }
                if (cancelled) {
                    finish(coordinator, 0, null, new CancellationException("cancelled by the caller")); // nothing sent again
                    return;
                }
                if (finished != 0) {
                    return;
                }
                tokenHeader = fresh;
                request = tokenRoute.toHttp(call.request(), fresh);
                send(coordinator, hedge, true); // takes over the slot of the attempt that got the 401
            });
        }

        /** The caller cancelled: abandon the attempts in flight, start no other. */
        void cancel() {
            cancelled = true;
            cancelAttempts();
        }

        private void cancelAttempts() {
            CompletableFuture<TransportResponse> sent = inFlight;
            if (sent != null) {
                sent.cancel(false);
            }
            CompletableFuture<TransportResponse> hedge = hedgeInFlight;
            if (hedge != null) {
                hedge.cancel(false);
            }
        }

        /**
         * Ends the call once: ends its observation, then completes the caller's future on the completion
         * executor, never on an I/O thread, and cancels the attempt still in flight, if any.
         *
         * @param by     the coordinator of the attempt that ended the call, {@code null} if none was made
         * @param status the HTTP status of the answer that ended it, 0 if none did
         */
        private void finish(Coordinator by, int status, T value, Throwable failure) {
            if (!FINISHED.compareAndSet(this, 0, 1)) {
                return;
            }
            calls.decrement();
            stop(observation, context, by, status, failure);
            Runnable complete = () -> {
                if (failure != null) {
                    user.completeExceptionally(failure);
                } else {
                    user.complete(value);
                }
            };
            try {
                completion.execute(complete);
            } catch (Throwable e) {
                // The completion executor is shut down (the client is closing) or refused the task: complete
                // here rather than leave the future hanging.
                complete.run();
            }
            Coordinator slow = hedgedFrom;
            if (slow != null) {
                cancelAttempts(); // the loser, now that one answered
                try {
                    metrics.hedge(slow.host, hedgeAnswered ? "won" : answered ? "lost" : "failed");
                } catch (RuntimeException e) { // the user's meter registry: it costs the metric, never the answer
                    LOG.log(System.Logger.Level.WARNING, "Recording a hedge failed", e);
                }
            }
        }

        void attempt() {
            if (finished != 0) {
                return;
            }
            if (cancelled) {
                finish(current, 0, null, new CancellationException("cancelled by the caller")); // ends the observation
                return;
            }
            if (closed) {
                // Closed mid-request: its own last failure (the session closing under it) says more.
                Throwable last;
                synchronized (this) {
                    last = failures.values().stream().reduce((first, second) -> second).orElse(null);
                }
                fail(current, last != null ? last : closedError());
                return;
            }
            Coordinators.Pool pool = coordinators.pool();
            Coordinator chosen;
            Map<Host, Throwable> tried;
            try {
                synchronized (this) {
                    chosen = pinned != null ? (attempts == 0 ? pinned : null)
                            : attempts < attemptLimit(pool) ? choose(pool, hedgeInFlightAt(), true) : null;
                    if (chosen != null) {
                        attempts++;
                    }
                    tried = failures.isEmpty() ? failures : new LinkedHashMap<>(failures);
                }
            } catch (Throwable e) { // the resolver is the user's code
                fail(current, e);
                return;
            }
            if (chosen == null) {
                finish(current, 0, null, new NoHostAvailableException(request.method() + " " + request.path(), tried));
                return;
            }
            send(chosen, false, false);
        }

        /** The coordinator of the hedge still in flight, which a failover must not pick again; else null. */
        private Coordinator hedgeInFlightAt() {
            CompletableFuture<TransportResponse> hedge = hedgeInFlight;
            return hedgeTarget != null && (hedge == null || !hedge.isDone()) ? hedgeTarget : null;
        }

        private int attemptLimit(Coordinators.Pool pool) {
            return maxAttempts > 0 ? maxAttempts : pool.coordinators().size();
        }

        /**
         * The resolver's pick among the coordinators that are up and not yet tried, and not {@code exclude};
         * null when none is left. When {@code anyway}, and every coordinator not yet tried is down, the one
         * down longest. Called with the exchange's lock held.
         */
        private Coordinator choose(Coordinators.Pool pool, Coordinator exclude, boolean anyway) {
            List<Coordinator> all = pool.coordinators();
            if (exclude == null && failures.isEmpty() && coordinators.noneDown() && !all.isEmpty()) {
                // Every coordinator is a candidate: offer the pool's own lists, no copy made.
                Coordinator coordinator = pick(pool, all);
                if (coordinator.health.claim()) {
                    return coordinator;
                }
                // It went down meanwhile: choose among those available, as below.
            }
            List<Coordinator> untried = new ArrayList<>(all.size());
            for (Coordinator coordinator : all) {
                if (coordinator != exclude && !failures.containsKey(coordinator.host)) {
                    untried.add(coordinator);
                }
            }
            if (untried.isEmpty()) {
                return null;
            }
            List<Coordinator> candidates = new ArrayList<>(untried.size());
            for (Coordinator coordinator : untried) {
                if (coordinator.health.isUp()) {
                    candidates.add(coordinator);
                }
            }
            while (!candidates.isEmpty()) {
                Coordinator coordinator = pick(pool, candidates);
                if (coordinator.health.claim()) {
                    return coordinator;
                }
                candidates.remove(coordinator); // it went down meanwhile
            }
            if (!anyway) {
                return null;
            }
            // Every coordinator not yet tried is down: try the one down longest rather than fail untried.
            long now = System.nanoTime();
            Coordinator longest = untried.stream()
                    .min(Comparator.comparingLong(c -> c.health.downSince() - now))
                    .orElseThrow();
            return longest;
        }

        /**
         * Asks the resolver: a resolver that sees load is offered the coordinators themselves, any other
         * their hosts. The whole pool is offered as the pool's own lists, and the pick found in constant time.
         */
        private Coordinator pick(Coordinators.Pool pool, List<Coordinator> candidates) {
            boolean whole = candidates == pool.coordinators();
            if (seesLoad) {
                HostCandidate picked = picker.choose(whole ? candidates : Collections.unmodifiableList(candidates));
                int index = -1;
                if (whole && picked != null) {
                    Integer position = pool.positions().get(picked.host());
                    index = position != null && candidates.get(position) == picked ? position : -1;
                } else {
                    for (int i = 0; i < candidates.size() && index < 0; i++) {
                        index = candidates.get(i) == picked ? i : -1;
                    }
                }
                if (index < 0) {
                    throw notACandidate(picked == null ? null : picked.host(), candidates);
                }
                return candidates.get(index);
            }
            List<Host> offered = whole ? pool.hosts() : candidates.stream().map(Coordinator::host).toList();
            Host picked = picker.select(offered);
            Integer index = picked == null ? null : whole ? pool.positions().get(picked) : (Integer) offered.indexOf(picked);
            if (index == null || index < 0) {
                throw notACandidate(picked, candidates);
            }
            return candidates.get(index);
        }

        private IllegalStateException notACandidate(Host picked, List<Coordinator> candidates) {
            return new IllegalStateException("HostResolver " + picker + " returned " + picked
                    + ", which is not one of the candidates " + candidates.stream().map(Coordinator::host).toList());
        }

        /**
         * Looked at by the watch a few times a second while the request is in flight: an attempt unanswered
         * for the hedge delay is hedged, and one unanswered for longer tells its coordinator slow.
         */
        @Override
        boolean check(long now) {
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
            long pause = watch.lastPause();
            long elapsed = now - (pause - started > 0 ? pause : started);
            long delay = hedging.delayNanos(latency.p95Nanos());
            if (hedgeable && !hedgeLookedFor && elapsed >= delay) {
                hedgeLookedFor = true;
                hedge(at, attempt);
            }
            if (slowToldFor != started && elapsed >= slowNanos(delay)) {
                slowToldFor = started;
                health.slow(at, "was unanswered after " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
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
                Coordinators.Pool pool = coordinators.pool();
                if (isDone() || closed || attempts >= attemptLimit(pool) || current != slow
                        || inFlight != slowAttempt || slowAttempt.isDone()) {
                    return;
                }
                target = choose(pool, slow, false);
                if (target == null || !watch.takeHedge()) {
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
         * @param counted whether the attempt's slot in {@code active} is counted already: a hedge's, counted
         *                under the lock, or the slot of an attempt this one continues (a redirect, a retry
         *                with a renewed token)
         */
        private void send(Coordinator coordinator, boolean hedge, boolean counted) {
            long started = System.nanoTime();
            coordinator.started();
            if (!counted) {
                ACTIVE.incrementAndGet(this);
            }
            if (!hedge) {
                current = coordinator;
                currentStarted = started;
            }
            CompletableFuture<TransportResponse> sent;
            try {
                sent = coordinator.session.send(request);
            } catch (Throwable e) {
                coordinator.finished(-1);
                ACTIVE.decrementAndGet(this);
                fail(coordinator, e);
                return;
            }
            if (hedge) {
                hedgeInFlight = sent;
            } else {
                inFlight = sent;
            }
            if (isDone()) {
                sent.cancel(false); // the caller cancelled, or the other attempt answered, meanwhile
            }
            sent.whenComplete((response, failed) -> {
                try {
                    Throwable failure = failed instanceof CompletionException && failed.getCause() != null
                            ? failed.getCause()
                            : failed;
                    long nanos = System.nanoTime() - started;
                    coordinator.finished(latencyOf(nanos, response, failure));
                    record(coordinator, nanos, response, failure);
                    LOG.log(System.Logger.Level.DEBUG, () -> request.method() + " " + request.path() + " on "
                            + coordinator.host + (hedge ? " (hedge)" : "") + ": "
                            + (response != null ? "HTTP " + response.status() : failure)
                            + " in " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
                    if (failure != null) {
                        onFailure(coordinator, failure, started);
                    } else {
                        latency.add(nanos);
                        onResponse(coordinator, response, hedge, started, nanos);
                    }
                } catch (Throwable e) { // e.g. OutOfMemoryError reading a large answer: the caller still hears
                    fail(coordinator, response != null ? response.status() : 0, e);
                }
            });
        }

        /**
         * What the attempt tells of its coordinator's latency, for routing: nothing after the caller's cancel;
         * a server error or a failure at least {@link #MIN_SLOW_NANOS}, so that a coordinator failing fast
         * does not look like the fastest and draw the load; otherwise the time it took (a loser cancelled by
         * its hedge's answer included: it was slow).
         */
        private long latencyOf(long nanos, TransportResponse response, Throwable failure) {
            if (cancelled) {
                return -1;
            }
            boolean failed = response != null ? response.status() >= 500 : !(failure instanceof CancellationException);
            return failed ? Math.max(nanos, MIN_SLOW_NANOS) : nanos;
        }

        /** Records the attempt; a failing meter registry (the user's) costs the metric, never the answer. */
        private void record(Coordinator coordinator, long nanos, TransportResponse response, Throwable failure) {
            try {
                metrics.attempt(coordinator, call.request().operation(), request, nanos, response, failure);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Recording the metrics of an attempt failed", e);
            }
        }

        private void onFailure(Coordinator coordinator, Throwable raw, long started) {
            Throwable failure = asSdkFailure(coordinator, raw);
            if (failure instanceof ArangoTimeoutException && pinned == null && slowToldFor != started
                    && !watch.pausedSince(started)) {
                slowToldFor = started;
                health.slow(coordinator, "timed out");
            }
            AttemptClassifier.Decision decision = classifier.onFailure(failure, call.request().idempotent());
            switch (decision.action()) {
                case MARK_DOWN_AND_FAIL_OVER -> {
                    health.unreachable(coordinator, failure);
                    failOver(coordinator, failure, decision.reason());
                }
                case FAIL_OVER -> failOver(coordinator, failure, decision.reason());
                default -> failUnanswered(coordinator, failure);
            }
        }

        private void onResponse(Coordinator coordinator, TransportResponse response, boolean hedge, long started,
                long nanos) {
            health.answered(coordinator, started);
            if (pinned == null && latency.trusted()) {
                long slowNanos = slowNanos(hedging.delayNanos(latency.p95Nanos()));
                if (nanos < slowNanos) {
                    coordinator.health.timely();
                } else if (slowToldFor != started && !watch.pausedSince(started)) {
                    slowToldFor = started;
                    health.slow(coordinator, "was answered after " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
                }
            }
            try {
                int status = response.status();
                if (status >= 200 && status < 300) {
                    answered(coordinator, hedge);
                    finish(coordinator, status, call.reader().read(response), null);
                    return;
                }
                ArangoException error = ServerErrors.of(coordinator.host, request, response);
                Coordinator leader = null;
                if (status == 503 && pinned == null && redirects < MAX_REDIRECTS && !isDone() && !closed) {
                    Optional<String> endpoint = response.headers().first("x-arango-endpoint");
                    leader = endpoint.isPresent() ? leader(coordinator, endpoint.get()) : null;
                }
                int errorNum = error instanceof ArangoServerException server ? server.errorNum() : 0;
                if (status == 401 && errorNum == Authentication.ERROR_TOKEN_INVALID && tokenRoute != null
                        && !tokenRenewed && !isDone()) {
                    renewTokenAndRetry(coordinator, hedge);
                    return;
                }
                AttemptClassifier.Decision decision = classifier.onAnswer(status, errorNum, leader != null);
                switch (decision.action()) {
                    case FOLLOW_REDIRECT -> {
                        redirects++;
                        metrics.failover(coordinator.host, decision.reason());
                        send(leader, hedge, true); // takes over the slot of the attempt redirected
                    }
                    case FAIL_OVER -> failOver(coordinator, error, decision.reason());
                    default -> {
                        answered(coordinator, hedge);
                        fail(coordinator, error);
                    }
                }
            } catch (ResponseFormatException e) {
                answered(coordinator, hedge);
                fail(coordinator, new MalformedResponseException(coordinator.host, response.status(), e.getMessage(),
                        ServerErrors.excerpt(response), e));
            }
        }

        /**
         * An attempt's answer is the request's: a hedge that answered first overtook the attempt it hedged,
         * which tells that coordinator slow.
         */
        private void answered(Coordinator coordinator, boolean hedge) {
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
            if (overtaken != null && attempt != null && !attempt.isDone() && slowToldFor != started
                    && !watch.pausedSince(started)) {
                slowToldFor = started;
                health.slow(overtaken, "was overtaken by its hedge to " + coordinator.host + " after "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
            }
        }

        /**
         * The coordinator an active-failover follower names as its leader, if the client knows it: the
         * request and its credentials go to no host the user did not give or the cluster did not list.
         */
        private Coordinator leader(Coordinator follower, String endpoint) {
            Coordinator leader = null;
            try {
                leader = coordinators.find(HostParser.parseOne(endpoint, 0, 1));
            } catch (IllegalArgumentException e) {
                // not a URL: nothing to follow
            }
            if (leader == null) {
                LOG.log(System.Logger.Level.WARNING, () -> "Coordinator " + follower.host
                        + " redirected to an endpoint that is not one of the client's coordinators; not followed");
            }
            return leader;
        }

        /**
         * Moves on to the next coordinator, unless the other attempt of a hedged request is still in flight:
         * its outcome decides then. {@code reason} is the failovers counter's tag.
         */
        private void failOver(Coordinator coordinator, Throwable failure, String reason) {
            if (pinned != null) {
                fail(coordinator, failure); // a probe's outcome is its one coordinator's
                return;
            }
            remember(coordinator, failure);
            metrics.failover(coordinator.host, reason);
            if (ACTIVE.decrementAndGet(this) == 0) {
                attempt();
            }
        }

        /** An attempt failed without an answer, for good: the request fails, unless its other attempt may yet answer. */
        private void failUnanswered(Coordinator coordinator, Throwable failure) {
            if (hedgedFrom != null) {
                remember(coordinator, failure);
            }
            if (ACTIVE.decrementAndGet(this) == 0) {
                fail(coordinator, failure);
            }
        }

        private synchronized void remember(Coordinator coordinator, Throwable failure) {
            if (failures.isEmpty()) {
                failures = new LinkedHashMap<>();
            }
            failures.put(coordinator.host, failure);
        }

        /** The request ends with {@code failure}; earlier attempts' failures ride along as suppressed. */
        private void fail(Coordinator by, Throwable failure) {
            fail(by, statusOf(failure), failure);
        }

        private void fail(Coordinator by, int status, Throwable failure) {
            List<Throwable> earlier;
            synchronized (this) {
                earlier = List.copyOf(failures.values());
            }
            earlier.stream().filter(other -> other != failure).forEach(failure::addSuppressed);
            finish(by, status, null, failure);
        }
    }
}
