package io.aioarango.api.internal;

import java.util.function.Function;

/** Finds the enum constant whose wire spelling matches a string, ignoring case and surrounding spaces. */
public final class Spellings {
    private Spellings() {
    }

    /** The matching constant, or {@code null} when none matches (the caller names what is accepted). */
    public static <E extends Enum<E>> E find(E[] constants, Function<E, String> spelling, String input) {
        if (input != null) {
            String trimmed = input.trim();
            for (E constant : constants) {
                if (spelling.apply(constant).equalsIgnoreCase(trimmed)) {
                    return constant;
                }
            }
        }
        return null;
    }
}
