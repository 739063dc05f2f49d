package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.time.Instant;
import java.util.Map;

/**
 * A server's statistics, the body of its {@code GET /_admin/statistics}. The groups are kept as the
 * server sent them; their members differ between versions.
 *
 * @param time       when the statistics were taken
 * @param enabled    whether statistics gathering is enabled
 * @param system     process figures: page faults, CPU times, threads, memory
 * @param client     connection and request-time distributions of all clients
 * @param clientUser the same, for user requests only (not sent by older servers)
 * @param http       request counts per HTTP method
 * @param server     uptime, physical memory, transactions, threads
 * @param extra      every field this record does not model
 */
public record ServerStatistics(
        Instant time,
        Boolean enabled,
        Map<String, Object> system,
        Map<String, Object> client,
        Map<String, Object> clientUser,
        Map<String, Object> http,
        Map<String, Object> server,
        Map<String, Object> extra) {

    /**
     * Copies the maps into unmodifiable ones that keep their order; {@code null} becomes an empty map.
     *
     * @param time       when the statistics were taken
     * @param enabled    whether statistics gathering is enabled
     * @param system     process figures: page faults, CPU times, threads, memory
     * @param client     connection and request-time distributions of all clients
     * @param clientUser the same, for user requests only (not sent by older servers)
     * @param http       request counts per HTTP method
     * @param server     uptime, physical memory, transactions, threads
     * @param extra      every field this record does not model
     */
    public ServerStatistics {
        system = Immutables.map(system);
        client = Immutables.map(client);
        clientUser = Immutables.map(clientUser);
        http = Immutables.map(http);
        server = Immutables.map(server);
        extra = Immutables.map(extra);
    }
}
