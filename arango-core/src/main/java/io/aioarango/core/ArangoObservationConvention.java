package io.aioarango.core;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names an {@link ArangoObservationContext}'s observation and gives its key values. Give one to
 * {@link ArangoClient.Builder#observationConvention} to change what the client's observations carry; extend
 * {@link DefaultArangoObservationConvention} to change a part and keep the rest.
 */
public interface ArangoObservationConvention extends ObservationConvention<ArangoObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ArangoObservationContext;
    }
}
