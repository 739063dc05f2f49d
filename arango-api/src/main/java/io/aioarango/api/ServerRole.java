package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Arrays;

/** The role a server has in a deployment, as {@code GET /_admin/server/role} reports it. */
public enum ServerRole {
    /** A single server, not part of a cluster. */
    SINGLE,
    COORDINATOR,
    /** A DB-Server. */
    PRIMARY,
    /** A replica of an old-style master/slave cluster; no longer used by current versions. */
    SECONDARY,
    AGENT,
    UNDEFINED;

    /** Parses the server's spelling, e.g. {@code "COORDINATOR"}, in any case. */
    public static ServerRole fromString(String value) {
        ServerRole found = Spellings.find(values(), ServerRole::name, value);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException(
                "Unknown server role '" + value + "'; known roles: " + Arrays.toString(values()));
    }
}
