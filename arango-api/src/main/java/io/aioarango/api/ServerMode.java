package io.aioarango.api;

import java.util.Arrays;

/** Whether a server accepts writes, as {@code GET /_admin/server/mode} reports it. */
public enum ServerMode {
    DEFAULT("default"),
    READONLY("readonly");

    private final String value;

    ServerMode(String value) {
        this.value = value;
    }

    /** The server's spelling. */
    public String value() {
        return value;
    }

    public static ServerMode fromString(String value) {
        for (ServerMode mode : values()) {
            if (mode.value.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown server mode '" + value + "'; known modes: "
                + Arrays.stream(values()).map(ServerMode::value).toList());
    }
}
