package io.aioarango.api;

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
        if (mode != null) {
            String normalised = mode.trim().toLowerCase(Locale.ROOT);
            if (normalised.equals("on")) {
                return ON;
            }
            if (normalised.equals("off")) {
                return OFF;
            }
        }
        throw new IllegalArgumentException(
                "Maintenance mode '" + mode + "' is not supported; use \"on\" or \"off\" (any case)");
    }
}
