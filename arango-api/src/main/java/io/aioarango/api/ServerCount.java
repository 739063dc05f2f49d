package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.List;
import java.util.Map;

/**
 * The number of servers the cluster aims for, from {@code GET /_admin/cluster/numberOfServers}.
 *
 * @param numberOfCoordinators the target number of Coordinators, or {@code null} when not set
 * @param numberOfDbServers    the target number of DB-Servers, or {@code null} when not set
 * @param cleanedServers       ids of the servers that were cleaned out
 * @param extra                every field this record does not model
 */
public record ServerCount(
        Integer numberOfCoordinators,
        Integer numberOfDbServers,
        List<String> cleanedServers,
        Map<String, Object> extra) {

    /**
     * Copies {@code cleanedServers} and {@code extra} into unmodifiable ones that keep their order;
     * {@code null} becomes empty.
     *
     * @param numberOfCoordinators the target number of Coordinators, or {@code null} when not set
     * @param numberOfDbServers    the target number of DB-Servers, or {@code null} when not set
     * @param cleanedServers       ids of the servers that were cleaned out
     * @param extra                every field this record does not model
     */
    public ServerCount {
        cleanedServers = Immutables.list(cleanedServers);
        extra = Immutables.map(extra);
    }
}
