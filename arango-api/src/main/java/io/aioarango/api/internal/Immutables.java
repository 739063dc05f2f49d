package io.aioarango.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the domain records. {@code Map.copyOf} and {@code List.copyOf} reject
 * {@code null} values, but JSON maps legitimately hold them, so these keep them and keep the order.
 */
public final class Immutables {
    private Immutables() {
    }

    public static <K, V> Map<K, V> map(Map<K, V> source) {
        return source == null || source.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    public static <T> List<T> list(List<T> source) {
        return source == null || source.isEmpty()
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(source));
    }
}
