package io.aioarango.core;

import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.DB_NAMESPACE;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.DB_OPERATION_NAME;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.DB_RESPONSE_STATUS_CODE;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.DB_SYSTEM_NAME;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.ERROR_TYPE;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.METHOD;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.OPERATION;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.OUTCOME;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.SERVER_ADDRESS;
import static io.aioarango.core.ArangoObservationDocumentation.LowCardinalityKeys.SERVER_PORT;

import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Host;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The observation of a call as OpenTelemetry's semantic conventions for database client spans describe it,
 * with the keys the SDK had before them ({@code operation}, {@code method}, {@code outcome}) kept: the keys
 * of {@link ArangoObservationDocumentation.LowCardinalityKeys}, no high-cardinality ones (no path, no
 * query, no body, no credential).
 *
 * <ul>
 * <li>name: {@value ArangoMetrics#CALL_OBSERVATION}, the name of the metrics a meter handler records;</li>
 * <li>contextual name (the span's name): {@code {db.operation.name} {target}}, the target being the database
 *     ({@code cluster.health _system}), else the coordinator as {@code server.address:server.port}
 *     ({@code auth.login db1:8529}), else nothing;</li>
 * <li>{@code error.type}: the canonical name of the exception's class, after unwrapping a
 *     {@link CompletionException} or {@link ExecutionException}, or {@code _OTHER} for a class that has none
 *     (anonymous, local or hidden); absent on success.</li>
 * </ul>
 *
 * Extend it to change one part and keep the rest.
 */
public class DefaultArangoObservationConvention implements ArangoObservationConvention {
    /** {@code db.system.name} of ArangoDB, the name OpenTelemetry's convention asks of a DBMS without one listed. */
    public static final String DB_SYSTEM = "arangodb";
    /** {@code error.type} of an exception whose class has no canonical name. */
    public static final String OTHER_ERROR = "_OTHER";
    private static final KeyValue SYSTEM = DB_SYSTEM_NAME.withValue(DB_SYSTEM);

    /** The convention the client uses when it is given none; a subclass changes what it overrides. */
    public DefaultArangoObservationConvention() {
    }

    @Override
    public String getName() {
        return ArangoMetrics.CALL_OBSERVATION;
    }

    @Override
    public String getContextualName(ArangoObservationContext context) {
        String target = context.getDatabase() != null ? context.getDatabase()
                : context.getHost() != null ? context.getHost().hostname() + ":" + context.getHost().port() : null;
        String operation = context.getOperation();
        if (operation.isBlank()) {
            return target != null ? target : DB_SYSTEM;
        }
        return target != null ? operation + " " + target : operation;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ArangoObservationContext context) {
        List<KeyValue> keys = new ArrayList<>(10);
        keys.add(SYSTEM);
        keys.add(DB_OPERATION_NAME.withValue(context.getOperation()));
        keys.add(OPERATION.withValue(context.getOperation()));
        keys.add(METHOD.withValue(context.getMethod().name()));
        if (context.getDatabase() != null) {
            keys.add(DB_NAMESPACE.withValue(context.getDatabase()));
        }
        Host host = context.getHost();
        if (host != null) {
            keys.add(SERVER_ADDRESS.withValue(host.hostname()));
            keys.add(SERVER_PORT.withValue(Integer.toString(host.port())));
        }
        if (context.isEnded()) {
            Throwable error = context.getError();
            keys.add(OUTCOME.withValue(error == null ? "SUCCESS" : error.getClass().getSimpleName()));
            if (error != null) {
                Throwable cause = unwrap(error);
                keys.add(ERROR_TYPE.withValue(errorType(cause)));
                if (cause instanceof ArangoServerException server) {
                    keys.add(DB_RESPONSE_STATUS_CODE.withValue(Integer.toString(
                            server.errorNum() > 0 ? server.errorNum() : server.status())));
                }
            }
        }
        return KeyValues.of(keys);
    }

    /**
     * The {@code error.type} of a failed call.
     *
     * @param error the exception the call failed with, unwrapped
     * @return the canonical name of its class, or {@value #OTHER_ERROR} when it has none
     */
    protected String errorType(Throwable error) {
        String name = error.getClass().getCanonicalName();
        return name != null ? name : OTHER_ERROR;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
