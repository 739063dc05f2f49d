package io.aioarango.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Immutable HTTP headers. Names are case-insensitive and kept in lower case; a name may repeat. */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Copies {@code headers}; names are lower-cased, values of names equal but for case are merged. */
    public static Headers of(Map<String, ? extends List<String>> headers) {
        if (headers.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, list) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(list));
        copy.replaceAll((name, list) -> List.copyOf(list));
        return new Headers(Collections.unmodifiableMap(copy));
    }

    /** The first value of {@code name}, if present. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Every value of {@code name}, in order; empty if absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Lower-case names to their values. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    public Headers with(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.merge(name.toLowerCase(Locale.ROOT), List.of(value), (a, b) -> {
            List<String> merged = new ArrayList<>(a);
            merged.addAll(b);
            return List.copyOf(merged);
        });
        return new Headers(Collections.unmodifiableMap(copy));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Shows names only: values may hold credentials. */
    @Override
    public String toString() {
        return "Headers" + values.keySet();
    }
}
