package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * A server's version, the body of its {@code GET /_api/version}.
 *
 * @param server  always {@code arango}
 * @param license {@code community} or {@code enterprise}
 * @param version e.g. {@code 3.12.10}
 * @param details the {@code details} object when the server sent one, else empty
 * @param extra   every field this record does not model
 */
public record ServerVersion(
        String server,
        String license,
        String version,
        Map<String, Object> details,
        Map<String, Object> extra) {

    /**
     * Copies the maps into unmodifiable ones that keep their order; {@code null} becomes an empty map.
     *
     * @param server  always {@code arango}
     * @param license {@code community} or {@code enterprise}
     * @param version e.g. {@code 3.12.10}
     * @param details the {@code details} object when the server sent one, else empty
     * @param extra   every field this record does not model
     */
    public ServerVersion {
        details = Immutables.map(details);
        extra = Immutables.map(extra);
    }
}
