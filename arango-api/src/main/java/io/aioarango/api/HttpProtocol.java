package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Arrays;

/**
 * The HTTP version a client speaks to its coordinators. ArangoDB serves HTTP/1.1 and HTTP/2 on the same
 * port: cleartext HTTP/2 with prior knowledge for {@code http://}, and HTTP/2 negotiated through ALPN for
 * {@code https://}.
 */
public enum HttpProtocol {
    /** HTTP/1.1 with keep-alive: one request at a time per connection. The default. */
    HTTP1("http1"),
    /**
     * HTTP/2 only: many requests at once on one connection per coordinator. Over {@code https://} a
     * server that does not offer h2 in ALPN is an error; a transport that cannot speak HTTP/2 to a
     * coordinator refuses to open a session to it.
     */
    H2("h2"),
    /**
     * HTTP/2 where it is sure to work, HTTP/1.1 otherwise: over {@code https://} ALPN decides; over
     * {@code http://} the transport uses HTTP/2 with prior knowledge if it can (netty) and HTTP/1.1 if
     * it cannot (jdk).
     */
    AUTO("auto");

    private final String value;

    HttpProtocol(String value) {
        this.value = value;
    }

    /**
     * The spelling used in settings.
     *
     * @return {@code "http1"}, {@code "h2"} or {@code "auto"}
     */
    public String value() {
        return value;
    }

    /**
     * Parses a protocol, e.g. from a configuration file.
     *
     * @param value {@code "http1"}, {@code "h2"} or {@code "auto"}, in any case, surrounding spaces ignored
     * @return the protocol
     * @throws IllegalArgumentException if {@code value} is {@code null} or none of those
     */
    public static HttpProtocol fromString(String value) {
        HttpProtocol found = Spellings.find(values(), HttpProtocol::value, value);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException("Unknown HTTP protocol '" + value + "'; use one of "
                + Arrays.stream(values()).map(HttpProtocol::value).toList());
    }
}
