package io.aioarango.api;

/**
 * A coordinator answered with something the SDK cannot read: a body that is not JSON (an HTML page
 * from a proxy, say) or JSON that lacks a field the call needs.
 */
public class MalformedResponseException extends ArangoException {
    private static final long serialVersionUID = 1L;

    /** How much of the body an exception carries at most. */
    public static final int MAX_EXCERPT = 200;

    private final transient Host host;
    private final int status;
    private final String bodyExcerpt;

    public MalformedResponseException(Host host, int status, String problem, String body, Throwable cause) {
        super(host + " answered HTTP " + status + " with an unreadable body (" + problem + "): " + excerpt(body),
                cause);
        this.host = host;
        this.status = status;
        this.bodyExcerpt = excerpt(body);
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= MAX_EXCERPT ? body : body.substring(0, MAX_EXCERPT) + "…";
    }

    public Host host() {
        return host;
    }

    public int status() {
        return status;
    }

    /** At most the first {@value #MAX_EXCERPT} characters of the body. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
