package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Locale;

/** The cluster-wide supervision maintenance mode: {@code ON} pauses the supervision, {@code OFF} resumes it. */
public enum MaintenanceMode {
    ON,
    OFF;

    /** The JSON string the server expects as the request body: {@code "on"} or {@code "off"}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code "on"} or {@code "off"} in any case. */
    public static MaintenanceMode fromString(String mode) {
        MaintenanceMode found = Spellings.find(values(), MaintenanceMode::value, mode);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException(
                "Maintenance mode '" + mode + "' is not supported; use \"on\" or \"off\" (any case)");
    }
}
