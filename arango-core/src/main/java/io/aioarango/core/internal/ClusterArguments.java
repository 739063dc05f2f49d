package io.aioarango.core.internal;

import io.aioarango.api.RebalanceMove;
import io.aioarango.api.ServerMaintenanceMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks of the cluster API's arguments, made before anything is sent: a wrong argument fails at once
 * with what to pass instead, rather than as the server's less helpful answer.
 */
final class ClusterArguments {
    /** The levels {@code PUT /_admin/log/level} accepts, as sent. */
    private static final Set<String> LOG_LEVELS = Set.of("FATAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE",
            "DEFAULT");

    private ClusterArguments() {
    }

    static String checkServerId(String serverId) {
        return checkServer("Server id", serverId);
    }

    /** @param what how the caller names the argument, e.g. {@code fromServer} */
    static String checkServer(String what, String serverId) {
        // "." and ".." would change the path they are put in, not name a server.
        if (serverId != null && (serverId.equals(".") || serverId.equals(".."))) {
            throw new IllegalArgumentException(what + " '" + serverId
                    + "' is a path segment, not a server id; pass e.g. PRMR-1234 from health().servers()");
        }
        return checkName(what, serverId, "pass the id of a server, e.g. PRMR-1234 from health().servers()");
    }

    static String checkJobId(String jobId) {
        return checkName("Job id", jobId, "pass the id that moveShard, cleanOutServer or resignLeadership returned, "
                + "e.g. 12345678");
    }

    static String checkCollection(String collection) {
        return checkName("Collection name", collection, "pass the collection's name, e.g. orders");
    }

    /** A name or id that must be neither null nor blank; {@code hint} says what to pass. */
    static String checkName(String what, String value, String hint) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null; " + hint);
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " '" + value + "' is blank; " + hint);
        }
        return value;
    }

    /** A wait's timeout: positive; how long it may be is {@link Polling#deadlineAfter}'s to bound. */
    static Duration checkTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Timeout " + timeout
                    + " is not accepted; use a positive duration, e.g. Duration.ofMinutes(30)");
        }
        return timeout;
    }

    /**
     * A server's maintenance timeout in whole seconds, as the server takes it; {@code null} (the server's
     * default) stays null. Only maintenance ends by itself, so NORMAL takes none.
     */
    static Long checkMaintenanceTimeout(ServerMaintenanceMode mode, Duration timeout) {
        Objects.requireNonNull(mode, "mode");
        if (timeout == null) {
            return null;
        }
        if (mode == ServerMaintenanceMode.NORMAL) {
            throw new IllegalArgumentException(
                    "A timeout applies only to maintenance; pass null with ServerMaintenanceMode.NORMAL");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.getNano() != 0) {
            throw new IllegalArgumentException("Maintenance timeout " + timeout
                    + " is not accepted; use whole seconds of at least 1, or null for the server's default (1 hour)");
        }
        return timeout.getSeconds();
    }

    static List<RebalanceMove> checkMoves(List<RebalanceMove> moves) {
        if (moves == null || moves.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("moves must be a list of RebalanceMove without nulls, e.g. the moves "
                    + "of calculateRebalancePlan(); got " + moves);
        }
        return moves;
    }

    /** A shard moves between two different DB-Servers: a move onto its own server would be a job doing nothing. */
    static void checkDistinctServers(String fromServer, String toServer) {
        if (fromServer.equals(toServer)) {
            throw new IllegalArgumentException("fromServer and toServer are both '" + fromServer
                    + "'; pass the DB-Server that holds the shard and another one to move it to");
        }
    }

    /** The levels as sent: every topic named, every level one the server accepts, upper-case, in order. */
    static Map<String, String> checkLevels(Map<String, String> levels) {
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("Log levels " + levels + " are not accepted; pass at least one "
                    + "topic's level, e.g. Map.of(\"queries\", \"DEBUG\")");
        }
        Map<String, String> body = new LinkedHashMap<>();
        levels.forEach((topic, level) -> {
            checkName("Log topic", topic, "name a topic such as queries, or all for every topic");
            String upper = level == null ? null : level.trim().toUpperCase(Locale.ROOT);
            if (upper == null || !LOG_LEVELS.contains(upper)) {
                throw new IllegalArgumentException("Log level '" + level + "' of topic '" + topic + "' is not "
                        + "accepted; use FATAL, ERROR, WARNING, INFO, DEBUG, TRACE or DEFAULT (any case)");
            }
            body.put(topic, upper);
        });
        return body;
    }
}
