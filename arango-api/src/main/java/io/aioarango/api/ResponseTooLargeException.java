package io.aioarango.api;

/**
 * A response was larger than the transport's limit, or than the memory left to hold it; its connection
 * was closed, not reused. {@link #limitName()} names the builder setting the limit comes from.
 */
public class ResponseTooLargeException extends ArangoException {
    private static final long serialVersionUID = 1L;

    /** The setting that bounds response bodies. */
    public static final String BODY_LIMIT = "maxResponseBytes";
    /** The setting that bounds response headers. */
    public static final String HEADER_LIMIT = "maxResponseHeaderBytes";

    private final transient Host host;
    private final long limit;
    private final String limitName;

    /** The body was larger than {@code limit} bytes ({@code maxResponseBytes}). */
    public ResponseTooLargeException(Host host, long limit, Throwable cause) {
        this(host, limit, BODY_LIMIT, host + ": response larger than the limit of " + limit
                + " bytes (raise maxResponseBytes on the builder)", cause);
    }

    protected ResponseTooLargeException(Host host, long limit, String limitName, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.limit = limit;
        this.limitName = limitName;
    }

    /** The headers (names and values) were larger than {@code limit} bytes ({@code maxResponseHeaderBytes}). */
    public static ResponseTooLargeException headers(Host host, long limit, Throwable cause) {
        return new ResponseTooLargeException(host, limit, HEADER_LIMIT, host + ": response headers larger than the limit of "
                + limit + " bytes (raise maxResponseHeaderBytes on the builder)", cause);
    }

    /**
     * A response within {@code limit} ({@code maxResponseBytes}) that still did not fit in the memory
     * left: the JVM could not allocate the {@code bytes} needed to hold it (negative when not known).
     */
    public static ResponseTooLargeException outOfMemory(Host host, long limit, long bytes, Throwable cause) {
        return new ResponseTooLargeException(host, limit, BODY_LIMIT, host + ": response"
                + (bytes >= 0 ? " of " + bytes + " bytes" : "") + " does not fit in the memory left (the limit is "
                + limit + " bytes: lower maxResponseBytes on the builder or give the JVM more heap)", cause);
    }

    public Host host() {
        return host;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** The builder setting the limit comes from: {@link #BODY_LIMIT} or {@link #HEADER_LIMIT}. */
    public String limitName() {
        return limitName;
    }
}
