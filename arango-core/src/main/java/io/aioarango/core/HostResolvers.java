package io.aioarango.core;

import io.aioarango.api.HostResolver;
import io.aioarango.core.internal.LeastLoadedHostResolver;
import io.aioarango.core.internal.RandomHostResolver;
import io.aioarango.core.internal.RoundRobinHostResolver;
import java.util.List;
import java.util.Locale;

/** The built-in {@link HostResolver}s. */
public final class HostResolvers {
    /** The names {@link #named(String)} accepts. */
    public static final List<String> NAMES = List.of("leastloaded", "roundrobin", "random");

    private HostResolvers() {
    }

    /**
     * Of two coordinators drawn at random, the one with fewer requests in flight, weighted by its recent
     * latency (the power of two choices); the default. A coordinator that goes silent piles up requests in
     * flight and stops being picked at once, before any timeout; healthy ones share the load evenly, not
     * in exact turns.
     *
     * @return a new resolver
     */
    public static HostResolver leastLoaded() {
        return new LeastLoadedHostResolver();
    }

    /**
     * Each coordinator in turn: with every coordinator up, each gets exactly the same share of first
     * attempts.
     *
     * @return a new resolver, with a rotation of its own
     */
    public static HostResolver roundRobin() {
        return new RoundRobinHostResolver();
    }

    /**
     * A coordinator chosen uniformly at random for each attempt.
     *
     * @return a new resolver
     */
    public static HostResolver random() {
        return new RandomHostResolver();
    }

    /**
     * A built-in resolver by name: {@code "leastloaded"}, {@code "roundrobin"} or {@code "random"}, in any case.
     *
     * @param name one of {@link #NAMES}; surrounding spaces are ignored
     * @return a new resolver of that kind
     * @throws IllegalArgumentException if the name is null or not one of {@link #NAMES}
     */
    public static HostResolver named(String name) {
        String normalised = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "leastloaded" -> leastLoaded();
            case "roundrobin" -> roundRobin();
            case "random" -> random();
            default -> throw new IllegalArgumentException("Unknown host resolver '" + name + "'; known names: "
                    + String.join(", ", NAMES) + " (or pass your own HostResolver)");
        };
    }
}
