package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Locale;

/** The cluster-wide supervision maintenance mode: {@code ON} pauses the supervision, {@code OFF} resumes it. */
public enum MaintenanceMode {
    /** The supervision is paused: no automatic failover of failed servers. */
    ON,
    /** The supervision runs. */
    OFF;

    /**
     * The JSON string the server expects as the request body.
     *
     * @return {@code "on"} or {@code "off"}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a mode.
     *
     * @param mode {@code "on"} or {@code "off"}, in any case, surrounding spaces ignored
     * @return the mode
     * @throws IllegalArgumentException if {@code mode} is {@code null} or neither {@code "on"} nor {@code "off"}
     */
    public static MaintenanceMode fromString(String mode) {
        MaintenanceMode found = Spellings.find(values(), MaintenanceMode::value, mode);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException(
                "Maintenance mode '" + mode + "' is not supported; use \"on\" or \"off\" (any case)");
    }
}
