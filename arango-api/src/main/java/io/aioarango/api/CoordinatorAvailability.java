package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * Whether one coordinator can serve requests, from {@code GET /_admin/server/availability} sent to that
 * coordinator alone: 200 with its mode when it can, 503 while it starts, shuts down or is in maintenance.
 * The check needs no credentials, and none are sent.
 *
 * @param host      the coordinator's URL, as {@code ArangoClient.hosts()} lists it, e.g. {@code http://db1:8529}
 * @param available whether it answered 200
 * @param mode      its mode when available ({@link ServerMode#READONLY} still serves reads); {@code null} when not
 * @param failure   why it is not available (a 503 as {@link ArangoServerException}, a refused connection as
 *                  {@link ArangoConnectionException}, ...); {@code null} when it is
 * @param extra     every field of a 200 answer this record does not model
 */
public record CoordinatorAvailability(String host, boolean available, ServerMode mode, ArangoException failure,
        Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable map that keeps its order; {@code null} becomes an empty map.
     *
     * @param host      the coordinator's URL, as {@code ArangoClient.hosts()} lists it, e.g. {@code http://db1:8529}
     * @param available whether it answered 200
     * @param mode      its mode when available ({@link ServerMode#READONLY} still serves reads); {@code null}
     *                  when not
     * @param failure   why it is not available (a 503 as {@link ArangoServerException}, a refused connection
     *                  as {@link ArangoConnectionException}, ...); {@code null} when it is
     * @param extra     every field of a 200 answer this record does not model
     */
    public CoordinatorAvailability {
        extra = Immutables.map(extra);
    }
}
