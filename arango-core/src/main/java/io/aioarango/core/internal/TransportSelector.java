package io.aioarango.core.internal;

import io.aioarango.transport.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Chooses the transport deterministically: the name set on the builder, else the system property
 * {@value #PROPERTY}, else the provider of highest priority on the class path (ties broken by name).
 */
public final class TransportSelector {
    /** The system property that names the transport when the builder does not. */
    public static final String PROPERTY = "aioarango.transport";
    /** The transports this project publishes, each as {@code io.aioarango:transport-<name>}. */
    private static final List<String> OUR_TRANSPORTS = List.of("jdk", "netty");

    private TransportSelector() {
    }

    private static final System.Logger LOG = System.getLogger(TransportSelector.class.getName());

    public static TransportProvider select(String builderName) {
        List<TransportProvider> found = discover();
        TransportProvider chosen = select(builderName, System.getProperty(PROPERTY), found);
        LOG.log(System.Logger.Level.DEBUG, () -> "aioarango transport '" + chosen.name() + "' chosen ("
                + (builderName != null ? "set on the builder" : System.getProperty(PROPERTY) != null
                        ? "set by -D" + PROPERTY : "highest priority")
                + "); found " + found.stream().map(p -> p.name() + " (priority " + p.priority() + ")").toList());
        return chosen;
    }

    static TransportProvider select(String builderName, String propertyName, List<TransportProvider> found) {
        String wanted = builderName != null ? builderName : blankToNull(propertyName);
        String source = builderName != null ? "set on the builder" : "set by -D" + PROPERTY;
        if (found.isEmpty()) {
            throw new IllegalStateException("No aioarango transport found on the class path"
                    + (wanted == null ? "" : " (transport '" + wanted + "' was " + source + ")")
                    + ". Add io.aioarango:transport-jdk (java.net.http, no further dependencies)"
                    + " or io.aioarango:transport-netty to your dependencies.");
        }
        if (wanted == null) {
            return found.get(0);
        }
        String normalised = wanted.trim().toLowerCase(Locale.ROOT);
        for (TransportProvider provider : found) {
            if (provider.name().equals(normalised)) {
                return provider;
            }
        }
        String fix = OUR_TRANSPORTS.contains(normalised)
                ? "Add io.aioarango:transport-" + normalised + " to your dependencies, or choose one of " + names(found)
                : "The SDK's own transports are " + String.join(" and ", OUR_TRANSPORTS.stream()
                        .map(name -> name + " (io.aioarango:transport-" + name + ")").toList())
                        + "; a transport of another name must be on the class path with its "
                        + "META-INF/services/io.aioarango.transport.spi.TransportProvider entry. Or choose one of "
                        + names(found);
        throw new IllegalStateException("Transport '" + wanted + "' (" + source + ") is not on the class path; found: "
                + names(found) + ". " + fix + ".");
    }

    /** Every provider on the class path, highest priority first, then by name. */
    static List<TransportProvider> discover() {
        List<TransportProvider> found = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class, TransportSelector.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparingInt(TransportProvider::priority).reversed()
                .thenComparing(TransportProvider::name));
        return found;
    }

    private static List<String> names(List<TransportProvider> found) {
        return found.stream().map(TransportProvider::name).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
