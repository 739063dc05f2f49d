package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
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

    /** Accepts {@code "default"} or {@code "readonly"}, in any case. */
    public static ServerMode fromString(String value) {
        ServerMode found = Spellings.find(values(), ServerMode::value, value);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException("Unknown server mode '" + value + "'; known modes: "
                + Arrays.stream(values()).map(ServerMode::value).toList());
    }
}
