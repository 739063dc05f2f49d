package io.aioarango.core;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation an {@link ArangoClient} makes of each logical call when it is given an
 * {@code ObservationRegistry}, and its key names: those of OpenTelemetry's semantic conventions for database
 * client spans, and the SDK's own from before them.
 */
public enum ArangoObservationDocumentation implements ObservationDocumentation {
    /**
     * One logical call, all its attempts (failovers, hedges, a token renewal) included, named
     * {@value ArangoMetrics#CALL_OBSERVATION}; its contextual name (the span's name) is
     * {@code {db.operation.name} {db.namespace}}, e.g. {@code cluster.health _system}.
     */
    CALL {
        @Override
        public String getName() {
            return ArangoMetrics.CALL_OBSERVATION;
        }

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultArangoObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }
    };

    /** The low-cardinality keys of {@link #CALL}: every one is a metric tag as well as a span attribute. */
    public enum LowCardinalityKeys implements KeyName {
        /** Always {@code arangodb}. */
        DB_SYSTEM_NAME("db.system.name", true),
        /** The database the call was sent to, e.g. {@code _system}; absent for a login and a coordinator's availability, which are in none. */
        DB_NAMESPACE("db.namespace", false),
        /** The call, e.g. {@code cluster.health}; {@code raw} for {@code Database.send}, unless the request names itself. */
        DB_OPERATION_NAME("db.operation.name", true),
        /** The host name of the coordinator whose attempt ended the call; absent when no attempt was made. */
        SERVER_ADDRESS("server.address", false),
        /** That coordinator's port, e.g. {@code 8529}; absent when no attempt was made. */
        SERVER_PORT("server.port", false),
        /**
         * On failure only: the canonical class name of the exception the call failed with, e.g.
         * {@code io.aioarango.api.ArangoServerException}, or {@code _OTHER} for a class that has none.
         */
        ERROR_TYPE("error.type", false),
        /**
         * On a failure that ArangoDB answered only: its {@code errorNum}, e.g. {@code 1228}, or the HTTP status
         * when the answer carried none.
         */
        DB_RESPONSE_STATUS_CODE("db.response.status_code", false),
        /** The SDK's own name of {@link #DB_OPERATION_NAME}, kept: {@link ArangoMetrics#TAG_OPERATION}. */
        OPERATION(ArangoMetrics.TAG_OPERATION, true),
        /** The HTTP method, e.g. {@code GET}: {@link ArangoMetrics#TAG_METHOD}. */
        METHOD(ArangoMetrics.TAG_METHOD, true),
        /**
         * Once the call ended: {@code SUCCESS}, or the simple class name of the exception it failed with, e.g.
         * {@code ArangoServerException} ({@link ArangoMetrics#TAG_OUTCOME}).
         */
        OUTCOME(ArangoMetrics.TAG_OUTCOME, false);

        private final String key;
        private final boolean required;

        LowCardinalityKeys(String key, boolean required) {
            this.key = key;
            this.required = required;
        }

        @Override
        public String asString() {
            return key;
        }

        @Override
        public boolean isRequired() {
            return required;
        }
    }
}
