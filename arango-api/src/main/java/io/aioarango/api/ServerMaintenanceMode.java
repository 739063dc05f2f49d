package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Locale;

/** The maintenance mode of one DB-Server. */
public enum ServerMaintenanceMode {
    /** The server is in maintenance: the supervision does not fail it over. */
    MAINTENANCE,
    /** The server is supervised as usual. */
    NORMAL;

    /**
     * The server's spelling.
     *
     * @return {@code "maintenance"} or {@code "normal"}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a mode.
     *
     * @param mode {@code "maintenance"} or {@code "normal"}, in any case, surrounding spaces ignored
     * @return the mode
     * @throws IllegalArgumentException if {@code mode} is {@code null} or neither {@code "maintenance"} nor
     *             {@code "normal"}
     */
    public static ServerMaintenanceMode fromString(String mode) {
        ServerMaintenanceMode found = Spellings.find(values(), ServerMaintenanceMode::value, mode);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException(
                "Server maintenance mode '" + mode + "' is not supported; use \"maintenance\" or \"normal\" (any case)");
    }
}
