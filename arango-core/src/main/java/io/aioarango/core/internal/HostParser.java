package io.aioarango.core.internal;

import io.aioarango.api.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the user's host strings into {@link Host}s: each entry trimmed and stripped of trailing
 * slashes, ArangoDB's {@code tcp://} and {@code ssl://} spellings mapped to {@code http} and
 * {@code https}, a missing port taken from the scheme, and every mistake reported with the entry and
 * what would be accepted. Credentials in an entry are never echoed.
 */
public final class HostParser {
    private static final String ACCEPTED =
            "use http://host:port or https://host:port (tcp:// and ssl:// also work; IPv6 as http://[::1]:8529)";
    private static final Map<String, String> SCHEMES = Map.of(
            "http", "http", "https", "https", "tcp", "http", "ssl", "https");

    private HostParser() {
    }

    /** Splits one string on commas, then parses each entry. */
    public static List<Host> parseCommaSeparated(String hosts) {
        if (hosts == null) {
            throw new IllegalArgumentException("hosts must not be null; " + ACCEPTED);
        }
        return parse(List.of(hosts.split(",", -1)));
    }

    public static List<Host> parse(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("No coordinator given: pass at least one host URL; " + ACCEPTED);
        }
        Map<Host, String> seen = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            Host host = parseOne(entry, i, entries.size());
            String previous = seen.putIfAbsent(host, entry);
            if (previous != null) {
                throw new IllegalArgumentException("Host '" + safe(entry.trim()) + "' names the same coordinator as '"
                        + safe(previous.trim()) + "' (" + host + "); give each coordinator once");
            }
        }
        return List.copyOf(new ArrayList<>(seen.keySet()));
    }

    public static Host parseOne(String raw, int index, int count) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("Host entry " + (index + 1) + " of " + count
                    + " is empty (check for a stray comma); " + ACCEPTED);
        }
        String entry = raw.trim();
        int separator = entry.indexOf("://");
        if (separator < 0) {
            throw invalid(raw, "it has no scheme");
        }
        String givenScheme = entry.substring(0, separator).toLowerCase(Locale.ROOT);
        String scheme = SCHEMES.get(givenScheme);
        if (scheme == null) {
            throw invalid(raw, "scheme '" + givenScheme + "' is not supported");
        }
        String authority = entry.substring(separator + 3);
        while (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (authority.indexOf('@') >= 0) {
            throw invalid(raw, "it holds credentials; pass them to db(name, username, password)");
        }
        if (authority.indexOf('/') >= 0 || authority.indexOf('?') >= 0 || authority.indexOf('#') >= 0) {
            throw invalid(raw, "it has a path, query or fragment");
        }
        String hostname;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(raw, "the IPv6 address has no closing ']'");
            }
            hostname = authority.substring(1, close);
            if (!hostname.matches("[0-9A-Fa-f:.]+") || hostname.indexOf(':') < 0) {
                throw invalid(raw, "'" + hostname + "' is not an IPv6 address");
            }
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(raw, "unexpected '" + rest + "' after the IPv6 address");
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
                throw invalid(raw, "an IPv6 address must be in brackets");
            }
            hostname = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (!hostname.isEmpty() && !hostname.matches("[A-Za-z0-9._-]+")) {
                throw invalid(raw, "'" + hostname + "' is not a valid host name");
            }
        }
        if (hostname.isEmpty()) {
            throw invalid(raw, "it has no host");
        }
        return new Host(scheme, hostname, port(raw, scheme, portText));
    }

    private static int port(String raw, String scheme, String portText) {
        if (portText == null) {
            return scheme.equals("https") ? 443 : 80;
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
            throw invalid(raw, "port '" + portText + "' is not a number from 1 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw invalid(raw, "port " + port + " is out of range 1 to 65535");
        }
        return port;
    }

    private static IllegalArgumentException invalid(String raw, String problem) {
        return new IllegalArgumentException("Invalid host '" + safe(raw.trim()) + "': " + problem + "; " + ACCEPTED);
    }

    /** Masks a password given in the URL, so that no message ever holds it. */
    private static String safe(String entry) {
        int at = entry.lastIndexOf('@');
        int separator = entry.indexOf("://");
        if (at < 0) {
            return entry;
        }
        int start = separator < 0 ? 0 : separator + 3;
        return at < start ? entry : entry.substring(0, start) + "****" + entry.substring(at);
    }
}
