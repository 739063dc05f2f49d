package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Arrays;

/** The role a server has in a deployment, as {@code GET /_admin/server/role} reports it. */
public enum ServerRole {
    /** A single server, not part of a cluster. */
    SINGLE,
    /** A Coordinator: the server that clients send their requests to. */
    COORDINATOR,
    /** A DB-Server. */
    PRIMARY,
    /** A replica of an old-style master/slave cluster; no longer used by current versions. */
    SECONDARY,
    /** An Agent of the Agency, which holds the cluster's configuration. */
    AGENT,
    /** A server whose role is not yet known, e.g. while it starts. */
    UNDEFINED;

    /**
     * Parses the server's spelling.
     *
     * @param value e.g. {@code "COORDINATOR"}, in any case, surrounding spaces ignored
     * @return the role
     * @throws IllegalArgumentException if {@code value} is {@code null} or names no role
     */
    public static ServerRole fromString(String value) {
        ServerRole found = Spellings.find(values(), ServerRole::name, value);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException(
                "Unknown server role '" + value + "'; known roles: " + Arrays.toString(values()));
    }
}
