package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Arrays;

/** Whether a server accepts writes, as {@code GET /_admin/server/mode} reports it. */
public enum ServerMode {
    /** The server accepts writes. */
    DEFAULT("default"),
    /** The server refuses writes. */
    READONLY("readonly");

    private final String value;

    ServerMode(String value) {
        this.value = value;
    }

    /**
     * The server's spelling.
     *
     * @return {@code "default"} or {@code "readonly"}
     */
    public String value() {
        return value;
    }

    /**
     * Parses a mode.
     *
     * @param value {@code "default"} or {@code "readonly"}, in any case, surrounding spaces ignored
     * @return the mode
     * @throws IllegalArgumentException if {@code value} is {@code null} or neither {@code "default"} nor
     *             {@code "readonly"}
     */
    public static ServerMode fromString(String value) {
        ServerMode found = Spellings.find(values(), ServerMode::value, value);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException("Unknown server mode '" + value + "'; known modes: "
                + Arrays.stream(values()).map(ServerMode::value).toList());
    }
}
