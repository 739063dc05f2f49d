package io.aioarango.core.internal;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.RequestQueueFullException;
import java.util.Set;

/**
 * Decides what follows one attempt: the README's failover table as one pure function, so that every row
 * is tested on its own. It knows nothing of sessions or resolvers; the executor carries the decision out.
 */
final class AttemptClassifier {
    /** ArangoDB's "not now" answers with 503: starting or in maintenance, shutting down, queue full. */
    static final Set<Integer> FAILOVER_ERROR_NUMS = Set.of(503, 30, 21003);

    /** What the executor does next. */
    enum Action {
        /** A 2xx answer: read it into the call's result. */
        READ,
        /** The server's error (or the failure) is the call's result. */
        FAIL,
        /** Send the same request to the coordinator the 503 named. */
        FOLLOW_REDIRECT,
        /** Try the next coordinator. */
        FAIL_OVER,
        /** The coordinator could not be reached: mark it down, then try the next one. */
        MARK_DOWN_AND_FAIL_OVER
    }

    /**
     * @param action what to do
     * @param reason the failovers counter's tag for a failover or redirect, otherwise {@code null}
     */
    record Decision(Action action, String reason) {
        static final Decision READ = new Decision(Action.READ, null);
        static final Decision FAIL = new Decision(Action.FAIL, null);
    }

    private final boolean retryOnTimeout;

    /** @param retryOnTimeout whether an idempotent request that timed out is tried on the next coordinator */
    AttemptClassifier(boolean retryOnTimeout) {
        this.retryOnTimeout = retryOnTimeout;
    }

    /**
     * An answer of the server.
     *
     * @param status      the HTTP status
     * @param errorNum    ArangoDB's {@code errorNum} of an error answer, 0 when it has none
     * @param leaderKnown a 503 named, in {@code x-arango-endpoint}, one of the client's coordinators, and
     *                    the request may still follow a redirect
     */
    Decision onAnswer(int status, int errorNum, boolean leaderKnown) {
        if (status >= 200 && status < 300) {
            return Decision.READ;
        }
        if (status == 503 && leaderKnown) {
            return new Decision(Action.FOLLOW_REDIRECT, "redirect");
        }
        if (status == 503 && FAILOVER_ERROR_NUMS.contains(errorNum)) {
            return new Decision(Action.FAIL_OVER, "unavailable");
        }
        return Decision.FAIL;
    }

    /**
     * A failure of the transport, already one of the SDK's exceptions.
     *
     * @param idempotent whether sending the request twice is harmless
     */
    Decision onFailure(Throwable failure, boolean idempotent) {
        if (failure instanceof ArangoConnectionException connection && !connection.requestSent()) {
            return new Decision(Action.MARK_DOWN_AND_FAIL_OVER, "connect");
        }
        if (failure instanceof RequestQueueFullException) {
            return new Decision(Action.FAIL_OVER, "queue_full");
        }
        if (failure instanceof ArangoConnectionException && idempotent) {
            return new Decision(Action.FAIL_OVER, "connection");
        }
        if (failure instanceof ArangoTimeoutException && retryOnTimeout && idempotent) {
            return new Decision(Action.FAIL_OVER, "timeout");
        }
        return Decision.FAIL;
    }
}
