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

    /**
     * Checks and normalises the parts: scheme and host name are lower-cased.
     *
     * @param scheme   {@code http} or {@code https}, in any case
     * @param hostname a DNS name or IPv4 literal, or an IPv6 literal without brackets, in any case
     * @param port     1 to 65535
     * @throws NullPointerException if {@code scheme} or {@code hostname} is {@code null}
     * @throws IllegalArgumentException if the scheme is not {@code http} or {@code https}, the host name is
     *             empty or the port is outside 1 to 65535
     */
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

    /**
     * The host name and port. Safe as a metric tag: no scheme, no path.
     *
     * @return {@code hostname:port}, with brackets around an IPv6 literal, e.g. {@code [::1]:8529}
     */
    public String authority() {
        return (hostname.indexOf(':') >= 0 ? "[" + hostname + "]" : hostname) + ":" + port;
    }

    /**
     * The normalised base URL.
     *
     * @return {@code scheme://authority}, without a trailing slash, e.g. {@code https://db1.example.com:8529}
     */
    public String url() {
        return scheme + "://" + authority();
    }

    /**
     * Whether the connection uses TLS.
     *
     * @return {@code true} for {@code https}
     */
    public boolean isTls() {
        return scheme.equals("https");
    }

    /**
     * The same as {@link #url()}.
     *
     * @return the normalised base URL
     */
    @Override
    public String toString() {
        return url();
    }
}
