package io.aioarango.testkit;

import java.util.List;
import java.util.Map;

/**
 * A request as a fake coordinator received it.
 *
 * <p>The {@code Authorization} header is not kept: {@link #user()} says who it authenticated as, so a
 * failed assertion that prints requests never prints a password or a token.
 *
 * @param method the HTTP method, such as {@code GET}
 * @param path the path as sent, still percent-encoded, without the query, such as
 *     {@code /_db/_system/_admin/server/id}
 * @param query the query string as sent, without the {@code ?}; empty when there is none
 * @param headers the headers other than {@code Authorization}, names in lower case, values in the order
 *     received
 * @param body the body as UTF-8 text; empty when there is none
 * @param user the user the request authenticated as; {@code null} when it carried no credentials or
 *     wrong ones
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        String body, String user) {

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return its first value, or {@code null} when the request did not carry it
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns the path and, if there is one, the query, as on the request line.
     *
     * @return for example {@code /_db/_system/_admin/cluster/nodeVersion?ServerID=PRMR-1}
     */
    public String uri() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        return method + " " + uri() + (user == null ? " (no valid credentials)" : " as " + user);
    }
}
