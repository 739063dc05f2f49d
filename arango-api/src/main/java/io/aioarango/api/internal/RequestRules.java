package io.aioarango.api.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a request may hold, checked the same way whichever transport sends it: headers that frame the
 * message or belong to one connection are the transport's alone, and a request target is printable ASCII
 * that every transport sends byte for byte.
 */
public final class RequestRules {
    /**
     * Headers that frame the message or concern one hop: set by a caller they would contradict what the
     * transport writes (a {@code Transfer-Encoding} beside a {@code Content-Length} is the shape of request
     * smuggling), so they are refused.
     */
    public static final Set<String> TRANSPORT_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "host", "upgrade", "te", "trailer", "keep-alive", "proxy-connection", "expect");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** RFC 3986 characters allowed in a path besides letters and digits ('%' only as an escape). */
    private static final String PATH_CHARS = "-._~!$&'()*+,;=:@/";
    /** Characters a request target may hold besides letters, digits and the path's: the query's. */
    private static final String TARGET_CHARS = PATH_CHARS + "?%";

    private RequestRules() {
    }

    /** Refuses a header the transport must set itself; returns the name. */
    public static String checkCallerHeader(String name) {
        if (TRANSPORT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Header '" + name + "' is set by the transport and cannot be set by a "
                    + "request; leave out " + String.join(", ", TRANSPORT_HEADERS.stream().sorted().toList()));
        }
        return name;
    }

    /** Refuses a target with a character outside printable ASCII or not allowed in a URL; returns it. */
    public static String checkTarget(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (!isAlphanumeric(c) && TARGET_CHARS.indexOf(c) < 0) {
                throw new IllegalArgumentException("Request target '" + printable(target) + "' holds "
                        + describe(c) + " at index " + i + "; a target is percent-encoded ASCII");
            }
        }
        return target;
    }

    /**
     * Percent-encodes (as UTF-8) every character of {@code path} that a URL path cannot hold, keeping
     * {@code /} and existing {@code %XX} escapes, so that every transport sends the same bytes.
     */
    public static String encodePath(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (isAlphanumeric(c) || PATH_CHARS.indexOf(c) >= 0 || (c == '%' && isEscape(path, i))) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(path.length() + 16).append(path, 0, i);
            }
            boolean pair = Character.isHighSurrogate(c) && i + 1 < path.length()
                    && Character.isLowSurrogate(path.charAt(i + 1));
            if (Character.isSurrogate(c) && !pair) {
                throw new IllegalArgumentException("Request path '" + printable(path) + "' holds half of a surrogate "
                        + "pair at index " + i + "; a path is text that UTF-8 can encode");
            }
            int end = pair ? i + 2 : i + 1;
            byte[] bytes = path.substring(i, end).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? path : out.toString();
    }

    /**
     * Whether a segment of {@code path} is {@code .} or {@code ..}, plain or percent-encoded; an encoded
     * slash or backslash counts as a separator too, for a server that decodes before it splits.
     */
    public static boolean hasDotSegment(String path) {
        // A scan rather than split(regex): this runs for every request built, and must not compile a pattern.
        int length = path.length();
        int dots = 0; // '.' or %2e units in the current segment, or -1 once it holds anything else
        for (int i = 0; i <= length; i++) {
            int separator = i == length ? 1 : separatorAt(path, i);
            if (separator > 0) {
                if (dots == 1 || dots == 2) {
                    return true;
                }
                dots = 0;
                i += separator - 1;
                continue;
            }
            if (dots < 0) {
                continue;
            }
            char c = path.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c == '%' && i + 2 < length && path.charAt(i + 1) == '2'
                    && (path.charAt(i + 2) == 'e' || path.charAt(i + 2) == 'E')) {
                dots++;
                i += 2;
            } else {
                dots = -1;
            }
        }
        return false;
    }

    /** The length of the separator at {@code i}: {@code /}, a backslash, {@code %2F} or {@code %5C} (any case); 0 if none. */
    private static int separatorAt(String path, int i) {
        char c = path.charAt(i);
        if (c == '/' || c == '\\') {
            return 1;
        }
        if (c == '%' && i + 2 < path.length()) {
            char first = path.charAt(i + 1);
            char second = path.charAt(i + 2);
            if ((first == '2' && (second == 'f' || second == 'F')) || (first == '5' && (second == 'c' || second == 'C'))) {
                return 3;
            }
        }
        return 0;
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String describe(char c) {
        return c == ' ' ? "a space" : c < 0x20 || c == 0x7F ? "a control character"
                : c > 0x7F ? "the non-ASCII character '" + c + "'" : "'" + c + "'";
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return s.length() > 200 ? out.append('…').toString() : out.toString();
    }
}
