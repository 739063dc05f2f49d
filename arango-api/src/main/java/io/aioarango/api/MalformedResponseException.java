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
    /** The HTTP status of the answer. */
    private final int status;
    /** At most the first {@value #MAX_EXCERPT} characters of the body. */
    private final String bodyExcerpt;

    /**
     * Creates the exception; the message holds at most {@value #MAX_EXCERPT} characters of the body.
     *
     * @param host    the coordinator that answered
     * @param status  the HTTP status of the answer
     * @param problem what is wrong with the body, e.g. {@code an error answer that is not ArangoDB's JSON}
     * @param body    the body, or its start; {@code null} for none
     * @param cause   the parser's failure, or {@code null}
     */
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

    /**
     * The coordinator that answered.
     *
     * @return the host; {@code null} after deserialization, as it is not serialized
     */
    public Host host() {
        return host;
    }

    /**
     * The HTTP status of the answer.
     *
     * @return the status, e.g. 502
     */
    public int status() {
        return status;
    }

    /**
     * The start of the body.
     *
     * @return at most the first {@value #MAX_EXCERPT} characters of the body, followed by {@code …} when it
     *         was cut; empty when there was none
     */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
