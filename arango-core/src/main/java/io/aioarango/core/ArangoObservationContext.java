package io.aioarango.core;

import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.Propagator;
import io.micrometer.observation.transport.SenderContext;
import java.util.Objects;

/**
 * What the observation of one logical call ({@link ArangoObservationDocumentation#CALL}) knows: the call,
 * its database and, once it ended, the coordinator and the HTTP status of the attempt that ended it. An
 * {@link ArangoObservationConvention} makes the observation's name and key values from it; the error is the
 * context's own ({@link #getError()}).
 *
 * <p>A {@link SenderContext} of kind {@link Kind#CLIENT}, so that a tracing handler for outgoing calls (such
 * as Micrometer Tracing's {@code PropagatingSenderTracingObservationHandler}) makes a client span, as
 * OpenTelemetry asks of database calls. It propagates nothing: it has no carrier and drops whatever a
 * propagator would set, because ArangoDB reads no trace headers, so sending them would cost every request
 * bytes for no gain.
 *
 * <p>The client makes one per call, and only while the registry has a handler. A handler may read it on the
 * thread that starts or stops the observation.
 */
public final class ArangoObservationContext extends SenderContext<Void> {
    private static final Propagator.Setter<Void> NOTHING_PROPAGATED = (carrier, key, value) -> {
    };

    private final String operation;
    private final HttpMethod method;
    private final String database;
    private Host host;
    private int httpStatus;
    private boolean ended;

    /**
     * @param operation the call's name, e.g. {@code cluster.health} ({@link io.aioarango.api.ArangoRequest#operation()})
     * @param method    the HTTP method of its request
     * @param database  the database the request goes to, e.g. {@code _system}; {@code null} for a request
     *                  outside any database (a login, a coordinator's availability)
     * @throws NullPointerException if {@code operation} or {@code method} is null
     */
    public ArangoObservationContext(String operation, HttpMethod method, String database) {
        super(NOTHING_PROPAGATED, Kind.CLIENT);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.method = Objects.requireNonNull(method, "method");
        this.database = database;
    }

    /**
     * @return the call's name, e.g. {@code cluster.health}; {@code raw} for {@code Database.send} unless the
     *         request was named
     */
    public String getOperation() {
        return operation;
    }

    /** @return the HTTP method of the call's request */
    public HttpMethod getMethod() {
        return method;
    }

    /** @return the database the call was sent to, or {@code null} for a request outside any database */
    public String getDatabase() {
        return database;
    }

    /**
     * @return the coordinator whose attempt ended the call (after a failover, the one that answered); {@code null}
     *         before the call ended, and when it ended before any attempt was made
     */
    public Host getHost() {
        return host;
    }

    /**
     * @return the HTTP status of the answer that ended the call, e.g. {@code 200} or {@code 503}; {@code 0}
     *         before the call ended, and when no answer ended it (a connection failure, a timeout, a cancel)
     */
    public int getHttpStatus() {
        return httpStatus;
    }

    /** @return whether the call ended: its outcome is known, and the observation is about to stop */
    public boolean isEnded() {
        return ended;
    }

    /**
     * Records how the call ended, just before its observation stops; its failure, if any, is set with
     * {@link #setError(Throwable)}.
     *
     * @param host       the coordinator whose attempt ended the call; {@code null} if none was made
     * @param httpStatus the status of the answer that ended it; {@code 0} if none did
     */
    public void ended(Host host, int httpStatus) {
        this.host = host;
        this.httpStatus = httpStatus;
        this.ended = true;
    }
}
