package io.aioarango.core.internal;

import io.aioarango.api.Host;
import io.aioarango.core.ArangoObservationContext;
import io.aioarango.core.ArangoObservationConvention;
import io.aioarango.core.DefaultArangoObservationConvention;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.TransportResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * What a call leaves behind besides its answer: its observation, and the meters of its attempts and hedge.
 * The registries and the convention are the user's code, so every step here catches what they throw: a
 * failing handler or meter registry costs the record, never the call. One per client, none per call.
 */
final class CallRecorder {
    private static final System.Logger LOG = System.getLogger(RequestExecutor.class.getName());
    private static final ArangoObservationConvention DEFAULT_CONVENTION = new DefaultArangoObservationConvention();

    private final ClientMetrics metrics;
    private final ObservationRegistry observations;
    /** The user's convention; {@code null} for the registry's global one, else {@link #DEFAULT_CONVENTION}. */
    private final ArangoObservationConvention convention;

    CallRecorder(ClientMetrics metrics, ObservationRegistry observations, ArangoObservationConvention convention) {
        this.metrics = metrics;
        this.observations = observations;
        this.convention = convention;
    }

    /** Whether calls are observed: without a handler nothing is made per call, not even a context. */
    boolean observing() {
        return !observations.isNoop();
    }

    /** The caller's observation of now, the parent of a call started later elsewhere; null when not observing. */
    Observation currentObservation() {
        return observations.isNoop() ? null : observations.getCurrentObservation();
    }

    /**
     * Starts the observation of a call; {@code null} when the registry's predicates leave it out. A handler that
     * fails to start costs the observation's accuracy, never the call: the observation is stopped all the same.
     */
    Observation start(ArangoObservationContext context, Observation parent) {
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
    static void stop(Observation observation, ArangoObservationContext context, Coordinators.Coordinator by,
            int status, Throwable failure) {
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

    /** Records one attempt's duration and outcome. */
    void attempt(Coordinators.Coordinator coordinator, String operation, TransportRequest request, long nanos,
            TransportResponse response, Throwable failure) {
        try {
            metrics.attempt(coordinator, operation, request, nanos, response, failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Recording the metrics of an attempt failed", e);
        }
    }

    /** Records how a hedged call ended: its hedge {@code won}, {@code lost}, or both {@code failed}. */
    void hedge(Host slow, String outcome) {
        try {
            metrics.hedge(slow, outcome);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Recording a hedge failed", e);
        }
    }

    /** Counts a failover; as before the split, a failing registry here fails the attempt's step, caught there. */
    void failover(Host from, String reason) {
        metrics.failover(from, reason);
    }
}
