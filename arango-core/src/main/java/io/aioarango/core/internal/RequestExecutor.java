package io.aioarango.core.internal;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ArangoException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.api.ArangoResponse;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.api.spi.TransportRequest;
import io.aioarango.core.ArangoMetrics;
import io.aioarango.core.internal.Coordinators.Coordinator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

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
 * When every coordinator not yet tried is down, the one down longest is tried rather than none. The
 * final failure names every coordinator tried. The user's future is completed on the completion
 * executor, never on an I/O thread, and exactly once whatever is thrown on the way (an {@link Error}
 * included): every step that could complete it catches {@link Throwable}.
 */
public final class RequestExecutor {
    static final int MAX_REDIRECTS = 3;
    @SuppressWarnings("rawtypes") // the updater of a generic class's field
    private static final AtomicIntegerFieldUpdater<Exchange> FINISHED =
            AtomicIntegerFieldUpdater.newUpdater(Exchange.class, "finished");
    private static final System.Logger LOG = System.getLogger(RequestExecutor.class.getName());

    private final Coordinators coordinators;
    private final ClientMetrics metrics;
    private final ObservationRegistry observations;
    private final HostResolver resolver;
    private final Executor completion;
    private final int maxAttempts;
    private final AttemptClassifier classifier;
    private volatile boolean closed;

    /**
     * @param maxAttempts    attempts per request at most, each on another coordinator; 0 for every
     *                       coordinator once
     * @param retryOnTimeout whether an idempotent request that timed out is tried on the next coordinator
     */
    public RequestExecutor(Coordinators coordinators, HostResolver resolver, Executor completion, int maxAttempts,
            boolean retryOnTimeout, ClientMetrics metrics, ObservationRegistry observations) {
        this.coordinators = coordinators;
        this.metrics = metrics;
        this.observations = observations;
        this.resolver = resolver;
        this.completion = completion;
        this.maxAttempts = maxAttempts;
        this.classifier = new AttemptClassifier(retryOnTimeout);
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
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        if (call.prepared() != null) {
            return start(call, call.prepared(), picker, null, null, null);
        }
        Authentication auth = route.authentication();
        String header = auth.header();
        if (header != null) {
            return start(call, route.toHttp(call.request(), header), picker, null, auth.isStatic() ? null : route,
                    header);
        }
        // A token to be had first (a login, or a renewal): one for every request waiting, then this one.
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
                started = start(call, route.toHttp(call.request(), fresh), picker, null, route, fresh);
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
     * Sends a call to one coordinator alone, as a probe of that host: one attempt, neither failed over nor
     * redirected, so its answer or failure is that coordinator's. Its outcome marks the host up or down as
     * any attempt's does.
     *
     * @param call a call with its {@link Call#prepared() prepared} request, which is sent as it is
     */
    <T> CompletableFuture<T> executeOn(Host host, Call<T> call) {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        Coordinator coordinator = coordinators.find(host);
        if (coordinator == null) {
            return CompletableFuture.failedFuture(new NoHostAvailableException(call.prepared().method() + " "
                    + call.prepared().path() + " (" + host + " is no longer one of the client's coordinators)",
                    Map.of()));
        }
        return start(call, call.prepared(), null, coordinator, null, null);
    }

    /** The coordinators requests go to now, in order. */
    List<Host> hosts() {
        return coordinators.hosts();
    }

    /**
     * @param route  the route whose token the request carries, which a 401 for an invalid token renews
     *               once; {@code null} for requests whose credentials never change
     * @param header the {@code Authorization} value sent, when {@code route} is given
     */
    private <T> CompletableFuture<T> start(Call<T> call, TransportRequest http, HostResolver picker,
            Coordinator pinned, DatabaseRoute route, String header) {
        ArangoRequest request = call.request();
        Observation observation = Observation.createNotStarted(ArangoMetrics.CALL_OBSERVATION, observations)
                .lowCardinalityKeyValue(ArangoMetrics.TAG_OPERATION, request.operation())
                .lowCardinalityKeyValue(ArangoMetrics.TAG_METHOD, request.method().name())
                .start();
        Exchange<T> exchange = new Exchange<>(call, http, picker, pinned, observation, route, header);
        exchange.attempt();
        return exchange.user;
    }

    private static void stop(Observation observation, Throwable failure) {
        try {
            observation.lowCardinalityKeyValue(ArangoMetrics.TAG_OUTCOME, failure == null ? "SUCCESS"
                    : failure.getClass().getSimpleName());
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        } catch (Throwable e) {
            // An observation handler of the user's failed: the call's own outcome still goes to the caller.
            LOG.log(System.Logger.Level.WARNING, "An observation handler failed", e);
        }
    }

    /** Fails every request from now on; the sessions' owner fails those in flight. */
    public void shutdown() {
        closed = true;
    }

    /**
     * The future a call hands to the caller. Cancelling it (or failing it with a
     * {@link CancellationException}) cancels the request: the attempt in flight is abandoned and its
     * connection freed, and no further attempt is made. A subclass rather than a listener: no stage is
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
    public static IllegalStateException closedError() {
        return new IllegalStateException("This ArangoClient is closed; build a new one to send requests");
    }

    private static void markDown(Coordinator coordinator, Throwable reason) {
        if (coordinator.health.markDown(System.nanoTime())) {
            LOG.log(System.Logger.Level.WARNING, () -> "Coordinator " + coordinator.host + " is down ("
                    + reason.getMessage() + "); trying it again in " + coordinator.health.backoff().toMillis() + " ms");
        }
    }

    private static void markUp(Coordinator coordinator) {
        if (coordinator.health.markUp()) {
            LOG.log(System.Logger.Level.WARNING, () -> "Coordinator " + coordinator.host + " is back");
        }
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

    /** One request's attempts; they run one after another, so the state needs no locking. */
    private final class Exchange<T> {
        private final Call<T> call;
        /** Sent again with a new token after a 401 for an invalid one; otherwise the same every attempt. */
        private TransportRequest request;
        /** The route of a request with a renewable token, and the header it carries; else {@code null}. */
        private final DatabaseRoute tokenRoute;
        private String tokenHeader;
        private boolean tokenRenewed;
        private final HostResolver picker;
        /** The one coordinator of a probe ({@link #executeOn}); {@code null} for a request the picker routes. */
        private final Coordinator pinned;
        private final Observation observation;
        final CallFuture<T> user = new CallFuture<>(this);
        /** The failed attempts, in order; made on the first failure, since most requests have none. */
        private Map<Host, Throwable> failures = Map.of();
        private int attempts;
        private int redirects;
        /** The attempt on the wire, for a cancel to abandon. */
        private volatile CompletableFuture<ArangoResponse> inFlight;
        private volatile boolean cancelled;
        /** Set once, by the step that ends the request; the caller's future completes after, elsewhere. */
        private volatile int finished; // 1 once set; a field, not an AtomicBoolean, to spare an object per call

        Exchange(Call<T> call, TransportRequest request, HostResolver picker, Coordinator pinned,
                Observation observation, DatabaseRoute tokenRoute, String tokenHeader) {
            this.call = call;
            this.tokenRoute = tokenRoute;
            this.tokenHeader = tokenHeader;
            this.request = request;
            this.picker = picker;
            this.pinned = pinned;
            this.observation = observation;
        }

        private boolean isDone() {
            return finished != 0 || cancelled;
        }

        /** The token expired or was revoked: one new login (shared), and this request once more, there. */
        private void renewTokenAndRetry(Coordinator coordinator) {
            tokenRenewed = true;
            tokenRoute.authentication().renew(tokenHeader).whenComplete((fresh, failure) -> {
                if (failure != null) {
                    fail(failure);
                    return;
                }
                if (cancelled) {
                    finish(null, new CancellationException("cancelled by the caller")); // nothing sent again
                    return;
                }
                if (finished != 0) {
                    return;
                }
                tokenHeader = fresh;
                request = tokenRoute.toHttp(call.request(), fresh);
                send(coordinator);
            });
        }

        /** The caller cancelled: abandon the attempt in flight, start no other. */
        void cancel() {
            cancelled = true;
            CompletableFuture<ArangoResponse> sent = inFlight;
            if (sent != null) {
                sent.cancel(false);
            }
        }

        /**
         * Ends the call once: ends its observation, then completes the caller's future on the completion
         * executor, never on an I/O thread.
         */
        private void finish(T value, Throwable failure) {
            if (!FINISHED.compareAndSet(this, 0, 1)) {
                return;
            }
            stop(observation, failure);
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
        }

        void attempt() {
            if (finished != 0) {
                return;
            }
            if (cancelled) {
                finish(null, new CancellationException("cancelled by the caller")); // ends the observation
                return;
            }
            if (closed) {
                // Closed mid-request: its own last failure (the session closing under it) says more.
                Throwable last = failures.values().stream().reduce((first, second) -> second).orElse(null);
                fail(last != null ? last : closedError());
                return;
            }
            Coordinators.Pool pool = coordinators.pool();
            Coordinator chosen;
            try {
                chosen = pinned != null ? (attempts == 0 ? pinned : null)
                        : attempts < (maxAttempts > 0 ? maxAttempts : pool.coordinators().size()) ? choose(pool) : null;
            } catch (Throwable e) { // the resolver is the user's code
                fail(e);
                return;
            }
            if (chosen == null) {
                finish(null, new NoHostAvailableException(request.method() + " " + request.path(), failures));
                return;
            }
            attempts++;
            send(chosen);
        }

        /** The resolver's pick among the available coordinators not yet tried; null when none is left. */
        private Coordinator choose(Coordinators.Pool pool) {
            long now = System.nanoTime();
            List<Coordinator> all = pool.coordinators();
            if (failures.isEmpty() && coordinators.noneDown() && !all.isEmpty()) {
                // Every coordinator is a candidate: offer the pool's own list, map the pick back by position.
                Host picked = picker.select(pool.hosts());
                Integer index = picked == null ? null : pool.positions().get(picked);
                if (index == null) {
                    throw notACandidate(picked, pool.hosts());
                }
                Coordinator coordinator = all.get(index);
                if (coordinator.health.claim(now)) {
                    return coordinator;
                }
                // It went down meanwhile: choose among those available, as below.
            }
            List<Coordinator> untried = failures.isEmpty()
                    ? all
                    : all.stream().filter(c -> !failures.containsKey(c.host)).toList();
            if (untried.isEmpty()) {
                return null;
            }
            List<Coordinator> candidates = new ArrayList<>(untried.size());
            for (Coordinator coordinator : untried) {
                if (coordinator.health.isAvailable(now)) {
                    candidates.add(coordinator);
                }
            }
            while (!candidates.isEmpty()) {
                List<Host> offered = candidates.stream().map(Coordinator::host).toList();
                Host picked = picker.select(offered);
                int index = picked == null ? -1 : offered.indexOf(picked);
                if (index < 0) {
                    throw notACandidate(picked, offered);
                }
                Coordinator coordinator = candidates.get(index);
                if (coordinator.health.claim(now)) {
                    return coordinator;
                }
                candidates.remove(index); // its one probe went to another request meanwhile
            }
            // Every coordinator not yet tried is down: try the one down longest rather than fail untried.
            Coordinator longest = untried.stream()
                    .min(Comparator.comparingLong(c -> c.health.downSince() - now))
                    .orElseThrow();
            longest.health.claimAnyway();
            return longest;
        }

        private IllegalStateException notACandidate(Host picked, List<Host> offered) {
            return new IllegalStateException("HostResolver " + picker + " returned " + picked
                    + ", which is not one of the candidates " + offered);
        }

        private void send(Coordinator coordinator) {
            long started = System.nanoTime();
            coordinator.started();
            CompletableFuture<ArangoResponse> sent;
            try {
                sent = coordinator.session.send(request);
            } catch (Throwable e) {
                coordinator.finished();
                fail(e);
                return;
            }
            inFlight = sent;
            if (cancelled) {
                sent.cancel(false); // the caller cancelled before the attempt was in flight
            }
            sent.whenComplete((response, failed) -> {
                try {
                    coordinator.finished();
                    Throwable failure = failed instanceof CompletionException && failed.getCause() != null
                            ? failed.getCause()
                            : failed;
                    long nanos = System.nanoTime() - started;
                    record(coordinator, nanos, response, failure);
                    LOG.log(System.Logger.Level.DEBUG, () -> request.method() + " " + request.path() + " on "
                            + coordinator.host + ": " + (response != null ? "HTTP " + response.status() : failure)
                            + " in " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
                    if (failure != null) {
                        onFailure(coordinator, failure);
                    } else {
                        onResponse(coordinator, response);
                    }
                } catch (Throwable e) { // e.g. OutOfMemoryError reading a large answer: the caller still hears
                    fail(e);
                }
            });
        }

        /** Records the attempt; a failing meter registry (the user's) costs the metric, never the answer. */
        private void record(Coordinator coordinator, long nanos, ArangoResponse response, Throwable failure) {
            try {
                metrics.attempt(coordinator, call.request().operation(), request, nanos, response, failure);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Recording the metrics of an attempt failed", e);
            }
        }

        private void onFailure(Coordinator coordinator, Throwable raw) {
            Throwable failure = asSdkFailure(coordinator, raw);
            AttemptClassifier.Decision decision = classifier.onFailure(failure, call.request().idempotent());
            switch (decision.action()) {
                case MARK_DOWN_AND_FAIL_OVER -> {
                    markDown(coordinator, failure);
                    failOver(coordinator, failure, decision.reason());
                }
                case FAIL_OVER -> failOver(coordinator, failure, decision.reason());
                default -> fail(failure);
            }
        }

        private void onResponse(Coordinator coordinator, ArangoResponse response) {
            markUp(coordinator);
            try {
                int status = response.status();
                if (status >= 200 && status < 300) {
                    finish(call.reader().read(response), null);
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
                    renewTokenAndRetry(coordinator);
                    return;
                }
                AttemptClassifier.Decision decision = classifier.onAnswer(status, errorNum, leader != null);
                switch (decision.action()) {
                    case FOLLOW_REDIRECT -> {
                        redirects++;
                        metrics.failover(coordinator.host, decision.reason());
                        send(leader);
                    }
                    case FAIL_OVER -> failOver(coordinator, error, decision.reason());
                    default -> fail(error);
                }
            } catch (ResponseFormatException e) {
                fail(new MalformedResponseException(coordinator.host, response.status(), e.getMessage(),
                        ServerErrors.excerpt(response), e));
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

        /** Moves on to the next coordinator; {@code reason} is the failovers counter's tag. */
        private void failOver(Coordinator coordinator, Throwable failure, String reason) {
            if (pinned != null) {
                fail(failure); // a probe's outcome is its one coordinator's
                return;
            }
            if (failures.isEmpty()) {
                failures = new LinkedHashMap<>();
            }
            failures.put(coordinator.host, failure);
            metrics.failover(coordinator.host, reason);
            attempt();
        }

        /** The request ends with {@code failure}; earlier attempts' failures ride along as suppressed. */
        private void fail(Throwable failure) {
            failures.values().stream().filter(earlier -> earlier != failure).forEach(failure::addSuppressed);
            finish(null, failure);
        }
    }
}
