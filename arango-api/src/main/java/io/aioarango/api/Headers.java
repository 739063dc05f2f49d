package io.aioarango.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Immutable HTTP headers. Names are case-insensitive and kept in lower case; a name may repeat. */
public final class Headers {
    private static final String[] NONE = new String[0];
    private static final Headers EMPTY = new Headers(NONE, 0);

    /*
     * Names and values side by side, in the order they came: an answer has a handful of headers, so a scan
     * is as fast as a hash lookup, and reading one costs one array instead of a map, its entries and lists.
     */
    private final String[] pairs;
    private final int size;
    /** The map view, made at the first asMap(); safe to publish by a race (the map is immutable). */
    private Map<String, List<String>> map;

    private Headers(String[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
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
        Builder builder = builder();
        headers.forEach((name, list) -> {
            Objects.requireNonNull(name, "name");
            list.forEach(value -> builder.add(name, value));
        });
        return builder.build();
    }

    /**
     * A builder that collects headers one value at a time, for a transport reading an answer's headers.
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
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(lower)) {
                return Optional.of(pairs[i + 1]);
            }
        }
        return Optional.empty();
    }

    /**
     * Every value of a header.
     *
     * @param name the header's name, in any case
     * @return the values in order, unmodifiable; empty if the header is absent
     */
    public List<String> all(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String single = null;
        List<String> many = null;
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(lower)) {
                if (single == null) {
                    single = pairs[i + 1];
                } else {
                    if (many == null) {
                        many = new ArrayList<>();
                        many.add(single);
                    }
                    many.add(pairs[i + 1]);
                }
            }
        }
        return many != null ? List.copyOf(many) : single != null ? List.of(single) : List.of();
    }

    /**
     * Each name and value in the order they were added, a repeated name once per value: how a transport
     * writes or measures headers without a map.
     *
     * @param action called with each lower-case name and one of its values
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    /**
     * Whether there are no headers.
     *
     * @return {@code true} if there are none
     */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * All headers.
     *
     * @return an unmodifiable map of lower-case names to their values, in order
     */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> view = map;
        if (view == null) {
            Map<String, List<String>> grouped = new LinkedHashMap<>();
            forEach((name, value) -> grouped.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
            grouped.replaceAll((name, list) -> List.copyOf(list));
            view = Collections.unmodifiableMap(grouped);
            map = view;
        }
        return view;
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
        Builder builder = new Builder(Arrays.copyOf(pairs, size + 2), size);
        return builder.add(name, value).build();
    }

    /**
     * Whether {@code other} holds the same names with the same values, each name's values in the same order.
     *
     * @param other the object to compare with
     * @return {@code true} if {@code other} is equal headers
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Headers h && h.asMap().equals(asMap());
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    /**
     * Shows names only: values may hold credentials.
     *
     * @return e.g. {@code Headers[content-type, authorization]}
     */
    @Override
    public String toString() {
        return "Headers" + asMap().keySet();
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

        private String[] pairs;
        private int size;

        private Builder() {
            this(new String[16], 0);
        }

        private Builder(String[] pairs, int size) {
            this.pairs = pairs;
            this.size = size;
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
            if (pairs == null) {
                throw new IllegalStateException("This Headers.Builder was built already; start a new one");
            }
            Objects.requireNonNull(value, "value");
            String lower = COMMON.get(name);
            if (lower == null) {
                lower = name.toLowerCase(Locale.ROOT);
            }
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, size * 2);
            }
            pairs[size++] = lower;
            pairs[size++] = value;
            return this;
        }

        /**
         * The headers added; the builder cannot be used afterwards.
         *
         * @return the headers
         * @throws IllegalStateException if called twice
         */
        public Headers build() {
            String[] built = pairs;
            if (built == null) {
                throw new IllegalStateException("This Headers.Builder was built already; start a new one");
            }
            pairs = null;
            return size == 0 ? EMPTY : new Headers(built, size);
        }
    }
}
