package io.aioarango.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One coordinator: scheme, host name (or IP literal) and port. Its {@link #url()} is the normalised
 * form, e.g. {@code http://db1.example.com:8529} or {@code https://[::1]:8529}.
 *
 * @param scheme   {@code http} or {@code https}
 * @param hostname a DNS name or IPv4 literal, or an IPv6 literal without brackets, lower case
 * @param port     1 to 65535
 */
public record Host(String scheme, String hostname, int port) {

    public Host {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(hostname, "hostname");
        scheme = scheme.toLowerCase(Locale.ROOT);
        hostname = hostname.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Host scheme '" + scheme + "' is not supported; use http or https");
        }
        if (hostname.isEmpty()) {
            throw new IllegalArgumentException("Host name must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Host port " + port + " is out of range; use 1 to 65535");
        }
    }

    /** {@code host:port}, with brackets around an IPv6 literal. Safe as a metric tag: no scheme, no path. */
    public String authority() {
        return (hostname.indexOf(':') >= 0 ? "[" + hostname + "]" : hostname) + ":" + port;
    }

    /** The normalised base URL, without a trailing slash. */
    public String url() {
        return scheme + "://" + authority();
    }

    public boolean isTls() {
        return scheme.equals("https");
    }

    @Override
    public String toString() {
        return url();
    }
}
