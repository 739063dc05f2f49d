package io.aioarango.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The SDK's version, as the build wrote it into {@code sdk.properties}. Read from a resource rather than
 * the jar manifest, which a named module or a shaded jar does not show through {@link Package}.
 */
public final class SdkVersion {
    /** The version, such as {@code 0.1.0}; {@code unknown} if the resource is missing. */
    public static final String VERSION = read();
    /** The {@code User-Agent} of every request: {@code aioarango-java/<version>}. */
    public static final String USER_AGENT = "aioarango-java/" + VERSION;

    private SdkVersion() {
    }

    private static String read() {
        try (InputStream in = SdkVersion.class.getResourceAsStream("sdk.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown").trim();
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
