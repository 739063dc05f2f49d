package io.aioarango.api;

/**
 * The transport could not exchange a request with one coordinator: the connection was refused, timed
 * out while connecting, the name did not resolve, or the connection broke.
 */
public class ArangoConnectionException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient Host host;
    /** Whether the request may have reached the server. */
    private final boolean requestSent;

    /**
     * Creates the exception; its message is {@code host: reason}.
     *
     * @param host        the coordinator the request was meant for
     * @param reason      what went wrong, e.g. {@code connection refused}
     * @param requestSent whether the request may have reached the server
     * @param cause       the underlying failure, or {@code null}
     */
    public ArangoConnectionException(Host host, String reason, boolean requestSent, Throwable cause) {
        super(host + ": " + reason, cause);
        this.host = host;
        this.requestSent = requestSent;
    }

    /**
     * The coordinator the request was meant for.
     *
     * @return the host; {@code null} after deserialization, as it is not serialized
     */
    public Host host() {
        return host;
    }

    /**
     * Whether the request may have reached the server. {@code false} means it surely did not (no
     * connection was made), so sending it to another coordinator cannot apply it twice.
     *
     * @return {@code true} if the request may have been sent, {@code false} if it surely was not
     */
    public boolean requestSent() {
        return requestSent;
    }
}
