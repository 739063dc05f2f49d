package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The health of one server, one entry of {@link ClusterHealth#servers()}. Agents report fewer fields
 * than Coordinators and DB-Servers; a field the server did not send is {@code null}.
 *
 * @param id                 the server id, e.g. {@code PRMR-wbsq47rz}
 * @param role               {@code Coordinator}, {@code DBServer} or {@code Agent}
 * @param status             {@code GOOD}, {@code BAD} or {@code FAILED}
 * @param syncStatus         e.g. {@code SERVING} (not sent for agents)
 * @param endpoint           the server's endpoint, e.g. {@code ssl://host:8529}
 * @param host               the host the server runs on
 * @param shortName          e.g. {@code Coordinator0002}
 * @param version            the server's version, e.g. {@code 3.12.4}
 * @param engine             the storage engine, e.g. {@code rocksdb}
 * @param timestamp          when the supervision last recorded this entry
 * @param syncTime           when the server last synchronised
 * @param lastAckedTime      when the server last acknowledged a heartbeat (Coordinators and DB-Servers:
 *                           the server sends a timestamp)
 * @param sinceLastAck       how long ago an agent last acknowledged the leader (agents: the server sends
 *                           seconds as a number)
 * @param canBeDeleted       whether the server may be removed from the cluster
 * @param leader             for agents: the id of the leading agent
 * @param leading            for agents: whether this agent leads
 * @param extra              every field this record does not model
 */
public record ServerHealth(
        String id,
        String role,
        String status,
        String syncStatus,
        String endpoint,
        String host,
        String shortName,
        String version,
        String engine,
        Instant timestamp,
        Instant syncTime,
        Instant lastAckedTime,
        Duration sinceLastAck,
        Boolean canBeDeleted,
        String leader,
        Boolean leading,
        Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable map that keeps its order; {@code null} becomes an empty map.
     *
     * @param id                 the server id, e.g. {@code PRMR-wbsq47rz}
     * @param role               {@code Coordinator}, {@code DBServer} or {@code Agent}
     * @param status             {@code GOOD}, {@code BAD} or {@code FAILED}
     * @param syncStatus         e.g. {@code SERVING} (not sent for agents)
     * @param endpoint           the server's endpoint, e.g. {@code ssl://host:8529}
     * @param host               the host the server runs on
     * @param shortName          e.g. {@code Coordinator0002}
     * @param version            the server's version, e.g. {@code 3.12.4}
     * @param engine             the storage engine, e.g. {@code rocksdb}
     * @param timestamp          when the supervision last recorded this entry
     * @param syncTime           when the server last synchronised
     * @param lastAckedTime      when the server last acknowledged a heartbeat (Coordinators and DB-Servers:
     *                           the server sends a timestamp)
     * @param sinceLastAck       how long ago an agent last acknowledged the leader (agents: the server sends
     *                           seconds as a number)
     * @param canBeDeleted       whether the server may be removed from the cluster
     * @param leader             for agents: the id of the leading agent
     * @param leading            for agents: whether this agent leads
     * @param extra              every field this record does not model
     */
    public ServerHealth {
        extra = Immutables.map(extra);
    }

    /**
     * Whether the supervision sees this server as {@code GOOD}.
     *
     * @return {@code true} if {@link #status()} is {@code GOOD}
     */
    public boolean isGood() {
        return "GOOD".equals(status);
    }
}
