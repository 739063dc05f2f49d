package io.aioarango.benchmarks;

import io.aioarango.api.HttpProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The contenders by name, in the order they run and are printed; {@code netty-raw} is the floor. */
final class Contenders {
    static final String FLOOR = "netty-raw";

    private static final Map<String, Supplier<Contender>> ALL = new LinkedHashMap<>();

    static {
        ALL.put(FLOOR, NettyRawContender::new);
        ALL.put("sdk-netty", () -> new SdkContender("netty", false));
        ALL.put("sdk-netty-direct", () -> new SdkContender("netty", true));
        ALL.put("sdk-netty-h2", () -> new SdkContender("netty", false, HttpProtocol.H2));
        ALL.put("sdk-netty-h2-direct", () -> new SdkContender("netty", true, HttpProtocol.H2));
        ALL.put("sdk-jdk", () -> new SdkContender("jdk", false));
        ALL.put("sdk-jdk-direct", () -> new SdkContender("jdk", true));
        ALL.put("jdk-httpclient", JdkHttpClientContender::new);
        ALL.put("official-http1", () -> new OfficialDriverContender(false));
        ALL.put("official-h2", () -> new OfficialDriverContender(true));
    }

    private Contenders() {
    }

    static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    static Contender create(String name) {
        Supplier<Contender> factory = ALL.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("Unknown contender '" + name + "'; known: " + String.join(", ", names()));
        }
        return factory.get();
    }
}
