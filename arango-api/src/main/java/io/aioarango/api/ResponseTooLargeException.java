package io.aioarango.api;

/** A response was larger than the transport's limit; its connection was closed, not reused. */
public class ResponseTooLargeException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient Host host;
    private final long limit;

    public ResponseTooLargeException(Host host, long limit, Throwable cause) {
        super(host + ": response larger than the limit of " + limit + " bytes (raise maxResponseBytes on the builder)",
                cause);
        this.host = host;
        this.limit = limit;
    }

    public Host host() {
        return host;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
