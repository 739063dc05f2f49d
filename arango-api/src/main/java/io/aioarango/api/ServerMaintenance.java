package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.time.Instant;
import java.util.Map;

/**
 * A DB-Server's maintenance state, from {@code GET /_admin/cluster/maintenance/{id}}.
 *
 * @param mode  {@link ServerMaintenanceMode#MAINTENANCE} while in maintenance
 * @param until when the maintenance ends by itself, or {@code null}
 * @param extra every field this record does not model
 */
public record ServerMaintenance(ServerMaintenanceMode mode, Instant until, Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable map that keeps its order; {@code null} becomes an empty map.
     *
     * @param mode  {@link ServerMaintenanceMode#MAINTENANCE} while in maintenance
     * @param until when the maintenance ends by itself, or {@code null}
     * @param extra every field this record does not model
     */
    public ServerMaintenance {
        extra = Immutables.map(extra);
    }
}
