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
    /** The limit in bytes. */
    private final long limit;
    /** The builder setting the limit comes from. */
    private final String limitName;

    /**
     * The body was larger than {@code limit} bytes ({@code maxResponseBytes}).
     *
     * @param host  the coordinator that answered
     * @param limit the limit in bytes
     * @param cause the underlying failure, or {@code null}
     */
    public ResponseTooLargeException(Host host, long limit, Throwable cause) {
        this(host, limit, BODY_LIMIT, host + ": response larger than the limit of " + limit
                + " bytes (raise maxResponseBytes on the builder)", cause);
    }

    /**
     * Creates the exception with a message of the caller's.
     *
     * @param host      the coordinator that answered
     * @param limit     the limit in bytes
     * @param limitName the builder setting the limit comes from, {@link #BODY_LIMIT} or {@link #HEADER_LIMIT}
     * @param message   the message
     * @param cause     the underlying failure, or {@code null}
     */
    protected ResponseTooLargeException(Host host, long limit, String limitName, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.limit = limit;
        this.limitName = limitName;
    }

    /**
     * The headers (names and values) were larger than {@code limit} bytes ({@code maxResponseHeaderBytes}).
     *
     * @param host  the coordinator that answered
     * @param limit the limit in bytes
     * @param cause the underlying failure, or {@code null}
     * @return the exception, with {@link #limitName()} {@link #HEADER_LIMIT}
     */
    public static ResponseTooLargeException headers(Host host, long limit, Throwable cause) {
        return new ResponseTooLargeException(host, limit, HEADER_LIMIT, host + ": response headers larger than the limit of "
                + limit + " bytes (raise maxResponseHeaderBytes on the builder)", cause);
    }

    /**
     * A response within {@code limit} ({@code maxResponseBytes}) that still did not fit in the memory
     * left: the JVM could not allocate the {@code bytes} needed to hold it.
     *
     * @param host  the coordinator that answered
     * @param limit the body limit in bytes
     * @param bytes the size that could not be allocated, in bytes; negative when not known
     * @param cause the {@link OutOfMemoryError}, or {@code null}
     * @return the exception, with {@link #limitName()} {@link #BODY_LIMIT}
     */
    public static ResponseTooLargeException outOfMemory(Host host, long limit, long bytes, Throwable cause) {
        return new ResponseTooLargeException(host, limit, BODY_LIMIT, host + ": response"
                + (bytes >= 0 ? " of " + bytes + " bytes" : "") + " does not fit in the memory left (the limit is "
                + limit + " bytes: lower maxResponseBytes on the builder or give the JVM more heap)", cause);
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
     * The value of the setting {@link #limitName()} names.
     *
     * @return the limit in bytes
     */
    public long limit() {
        return limit;
    }

    /**
     * The builder setting the limit comes from.
     *
     * @return {@link #BODY_LIMIT} or {@link #HEADER_LIMIT}
     */
    public String limitName() {
        return limitName;
    }
}
