package io.aioarango.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Immutable HTTP headers. Names are case-insensitive and kept in lower case; a name may repeat. */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * No headers.
     *
     * @return the empty instance
     */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Copies {@code headers}; names are lower-cased, values of names equal but for case are merged.
     *
     * @param headers names to their values, in order
     * @return the headers
     * @throws NullPointerException if {@code headers}, a name, a list or a value is {@code null}
     */
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

    /**
     * A builder that collects headers one value at a time, for a transport reading an answer's headers:
     * one map is filled and handed over, with no further copy.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return the first value; empty if the header is absent
     */
    public Optional<String> first(String name) {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /**
     * Every value of a header.
     *
     * @param name the header's name, in any case
     * @return the values in order, unmodifiable; empty if the header is absent
     */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * All headers.
     *
     * @return an unmodifiable map of lower-case names to their values, in order
     */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /**
     * A copy with one more value; this instance is unchanged.
     *
     * @param name  the header's name, in any case
     * @param value the value, added after any the header has
     * @return the new headers
     * @throws NullPointerException if {@code name} or {@code value} is {@code null}
     */
    public Headers with(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.merge(name.toLowerCase(Locale.ROOT), List.of(value), (a, b) -> {
            List<String> merged = new ArrayList<>(a);
            merged.addAll(b);
            return List.copyOf(merged);
        });
        return new Headers(Collections.unmodifiableMap(copy));
    }

    /**
     * Whether {@code other} holds the same names with the same values, each name's values in the same order.
     *
     * @param other the object to compare with
     * @return {@code true} if {@code other} is equal headers
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Headers h && h.values.equals(values);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /**
     * Shows names only: values may hold credentials.
     *
     * @return e.g. {@code Headers[content-type, authorization]}
     */
    @Override
    public String toString() {
        return "Headers" + values.keySet();
    }

    /** Collects headers; names are lower-cased and values of the same name kept in order. Not thread-safe. */
    public static final class Builder {
        /** Names servers send in this spelling, to their lower case: no new string for each answer. */
        private static final Map<String, String> COMMON = common("Content-Type", "Content-Length", "Connection",
                "Server", "Date", "Keep-Alive", "Transfer-Encoding", "Content-Encoding", "Location", "ETag",
                "Cache-Control", "Pragma", "Expires", "X-Content-Type-Options", "Strict-Transport-Security",
                "Content-Security-Policy", "X-Arango-Queue-Time-Seconds", "X-Arango-Endpoint", "WWW-Authenticate");

        private static Map<String, String> common(String... names) {
            Map<String, String> common = new java.util.HashMap<>();
            for (String name : names) {
                String lower = name.toLowerCase(Locale.ROOT);
                common.put(name, lower);
                common.put(lower, lower);
            }
            return Map.copyOf(common);
        }

        private Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds one value of a header.
         *
         * @param name  the header's name, in any case
         * @param value the value, added after any the header has
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is {@code null}
         * @throws IllegalStateException after {@link #build()}
         */
        public Builder add(String name, String value) {
            if (values == null) {
                throw new IllegalStateException("This Headers.Builder was built already; start a new one");
            }
            Objects.requireNonNull(value, "value");
            String lower = COMMON.get(name);
            if (lower == null) {
                lower = name.toLowerCase(Locale.ROOT);
            }
            // Most names have one value: a one-element list, replaced by a growing one at the second value.
            List<String> earlier = values.putIfAbsent(lower, List.of(value));
            if (earlier != null) {
                List<String> merged = earlier instanceof ArrayList<String> list ? list : new ArrayList<>(earlier);
                merged.add(value);
                values.put(lower, merged);
            }
            return this;
        }

        /**
         * The headers added; the builder cannot be used afterwards.
         *
         * @return the headers
         * @throws IllegalStateException if called twice
         */
        public Headers build() {
            Map<String, List<String>> built = values;
            if (built == null) {
                throw new IllegalStateException("This Headers.Builder was built already; start a new one");
            }
            values = null;
            if (built.isEmpty()) {
                return EMPTY;
            }
            built.replaceAll((name, list) -> list instanceof ArrayList ? List.copyOf(list) : list);
            return new Headers(Collections.unmodifiableMap(built));
        }
    }
}
