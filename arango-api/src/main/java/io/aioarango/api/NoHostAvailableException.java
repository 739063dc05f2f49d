package io.aioarango.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * No coordinator could serve a request. Names every host tried and why it failed; each failure is
 * also attached as a suppressed exception.
 */
public class NoHostAvailableException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient Map<Host, Throwable> failures;

    /**
     * Creates the exception and attaches each failure as a suppressed exception.
     *
     * @param request  the request, for the message, e.g. {@code GET /_db/_system/_api/version}
     * @param failures each host tried, in the order tried, with its failure; copied
     */
    public NoHostAvailableException(String request, Map<Host, Throwable> failures) {
        super("No coordinator could serve " + request + "; tried " + failures.size() + ": "
                + failures.entrySet().stream()
                        .map(e -> describe(e.getKey(), e.getValue()))
                        .collect(Collectors.joining("; ")));
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        failures.values().forEach(this::addSuppressed);
    }

    /** The SDK's own exceptions already name their host; anything else gets it put in front. */
    private static String describe(Host host, Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.contains(host.toString()) ? message : host + ": " + message;
    }

    /**
     * Each host tried, in the order tried, with its failure.
     *
     * @return an unmodifiable map; {@code null} after deserialization, as it is not serialized
     */
    public Map<Host, Throwable> failures() {
        return failures;
    }
}
