package io.aioarango.core.internal;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoException;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.core.ArangoObservationContext;
import io.aioarango.core.internal.Coordinators.Coordinator;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.TransportResponse;
import io.micrometer.observation.Observation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One request, as {@link RequestExecutor} describes: the per-call state machine that picks a coordinator,
 * sends, classifies the outcome, fails over, follows a redirect, renews a token, and ends the call once.
 * What the watch sees of it (hedges, slow attempts) is {@link InFlightAttempts}'s.
 */
final class Exchange<T> extends InFlightAttempts {
    private static final System.Logger LOG = System.getLogger(RequestExecutor.class.getName());

    private final Call<T> call;
    /** Sent again with a new token after a 401 for an invalid one; otherwise the same every attempt. */
    private volatile TransportRequest request;
    /** The route of a request with a renewable token, and the header it carries; else {@code null}. */
    private final DatabaseRoute tokenRoute;
    private String tokenHeader;
    private boolean tokenRenewed;
    /** The call's observation and its context; both {@code null} while observations are off. */
    private final Observation observation;
    private final ArangoObservationContext context;
    final CallFuture<T> user = new CallFuture<>(this);
    private int redirects;

    Exchange(RequestExecutor executor, Call<T> call, TransportRequest request, HostResolver picker,
            Coordinator pinned, Observation observation, ArangoObservationContext context, DatabaseRoute tokenRoute,
            String tokenHeader) {
        super(executor, picker, pinned, call.request().operation(), call.request().idempotent());
        this.call = call;
        this.tokenRoute = tokenRoute;
        this.tokenHeader = tokenHeader;
        this.request = request;
        this.observation = observation;
        this.context = context;
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
        executor.calls.decrement();
        CallRecorder.stop(observation, context, by, status, failure);
        Runnable complete = () -> {
            if (failure != null) {
                user.completeExceptionally(failure);
            } else {
                user.complete(value);
            }
        };
        try {
            executor.completion.execute(complete);
        } catch (Throwable e) {
            // The completion executor is shut down (the client is closing) or refused the task: complete
            // here rather than leave the future hanging.
            complete.run();
        }
        Coordinator slow = hedgedFrom;
        if (slow != null) {
            cancelAttempts(); // the loser, now that one answered
            executor.recorder.hedge(slow.host, hedgeAnswered ? "won" : answered ? "lost" : "failed");
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
        if (executor.closed) {
            // Closed mid-request: its own last failure (the session closing under it) says more.
            Throwable last;
            synchronized (this) {
                last = failures.values().stream().reduce((first, second) -> second).orElse(null);
            }
            fail(current, last != null ? last : RequestExecutor.closedError());
            return;
        }
        Coordinators.Pool pool = executor.coordinators.pool();
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

    @Override
    void send(Coordinator coordinator, boolean hedge, boolean counted) {
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
                executor.recorder.attempt(coordinator, call.request().operation(), request, nanos, response, failure);
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

    private void onFailure(Coordinator coordinator, Throwable raw, long started) {
        Throwable failure = asSdkFailure(coordinator, raw);
        if (failure instanceof ArangoTimeoutException) {
            timedOut(coordinator, started);
        }
        AttemptClassifier.Decision decision = executor.classifier.onFailure(failure, call.request().idempotent());
        switch (decision.action()) {
            case MARK_DOWN_AND_FAIL_OVER -> {
                executor.health.unreachable(coordinator, failure);
                failOver(coordinator, failure, decision.reason());
            }
            case FAIL_OVER -> failOver(coordinator, failure, decision.reason());
            default -> failUnanswered(coordinator, failure);
        }
    }

    private void onResponse(Coordinator coordinator, TransportResponse response, boolean hedge, long started,
            long nanos) {
        executor.health.answered(coordinator, started);
        timed(coordinator, started, nanos);
        try {
            int status = response.status();
            if (status >= 200 && status < 300) {
                answered(coordinator, hedge);
                finish(coordinator, status, call.reader().read(response), null);
                return;
            }
            ArangoException error = ServerErrors.of(coordinator.host, request, response);
            Coordinator leader = null;
            if (status == 503 && pinned == null && redirects < RequestExecutor.MAX_REDIRECTS && !isDone()
                    && !executor.closed) {
                Optional<String> endpoint = response.headers().first("x-arango-endpoint");
                leader = endpoint.isPresent()
                        ? CoordinatorChoice.leader(executor.coordinators, coordinator, endpoint.get())
                        : null;
            }
            int errorNum = error instanceof ArangoServerException server ? server.errorNum() : 0;
            if (status == 401 && errorNum == Authentication.ERROR_TOKEN_INVALID && tokenRoute != null
                    && !tokenRenewed && !isDone()) {
                renewTokenAndRetry(coordinator, hedge);
                return;
            }
            AttemptClassifier.Decision decision = executor.classifier.onAnswer(status, errorNum, leader != null);
            switch (decision.action()) {
                case FOLLOW_REDIRECT -> {
                    redirects++;
                    executor.recorder.failover(coordinator.host, decision.reason());
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
     * Moves on to the next coordinator, unless the other attempt of a hedged request is still in flight:
     * its outcome decides then. {@code reason} is the failovers counter's tag.
     */
    private void failOver(Coordinator coordinator, Throwable failure, String reason) {
        if (pinned != null) {
            fail(coordinator, failure); // a probe's outcome is its one coordinator's
            return;
        }
        remember(coordinator, failure);
        executor.recorder.failover(coordinator.host, reason);
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

    /** The HTTP status of the answer a failure stands for; 0 for a failure without one. */
    private static int statusOf(Throwable failure) {
        if (failure instanceof ArangoServerException server) {
            return server.status();
        }
        return failure instanceof MalformedResponseException malformed ? malformed.status() : 0;
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
}
