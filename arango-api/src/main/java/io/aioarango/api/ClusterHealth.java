package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * The health of every server of a cluster, from {@code GET /_admin/cluster/health}.
 *
 * @param clusterId the cluster's id
 * @param servers   each server's health by server id, e.g. {@code CRDN-rxtu5pku}, in the order sent
 * @param extra     every top-level field this record does not model
 */
public record ClusterHealth(String clusterId, Map<String, ServerHealth> servers, Map<String, Object> extra) {

    /**
     * Copies the maps into unmodifiable ones that keep their order; {@code null} becomes an empty map.
     *
     * @param clusterId the cluster's id
     * @param servers   each server's health by server id, e.g. {@code CRDN-rxtu5pku}, in the order sent
     * @param extra     every top-level field this record does not model
     */
    public ClusterHealth {
        servers = Immutables.map(servers);
        extra = Immutables.map(extra);
    }
}
