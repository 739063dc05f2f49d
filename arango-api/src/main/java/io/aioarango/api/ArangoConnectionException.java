package io.aioarango.api;

/**
 * The transport could not exchange a request with one coordinator: the connection was refused, timed
 * out while connecting, the name did not resolve, or the connection broke.
 */
public class ArangoConnectionException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient Host host;
    private final boolean requestSent;

    public ArangoConnectionException(Host host, String reason, boolean requestSent, Throwable cause) {
        super(host + ": " + reason, cause);
        this.host = host;
        this.requestSent = requestSent;
    }

    public Host host() {
        return host;
    }

    /**
     * Whether the request may have reached the server. {@code false} means it surely did not (no
     * connection was made), so sending it to another coordinator cannot apply it twice.
     */
    public boolean requestSent() {
        return requestSent;
    }
}
