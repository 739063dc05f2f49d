package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Locale;

/** The maintenance mode of one DB-Server. */
public enum ServerMaintenanceMode {
    MAINTENANCE,
    NORMAL;

    /** The server's spelling: {@code "maintenance"} or {@code "normal"}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code "maintenance"} or {@code "normal"} in any case. */
    public static ServerMaintenanceMode fromString(String mode) {
        ServerMaintenanceMode found = Spellings.find(values(), ServerMaintenanceMode::value, mode);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException(
                "Server maintenance mode '" + mode + "' is not supported; use \"maintenance\" or \"normal\" (any case)");
    }
}
