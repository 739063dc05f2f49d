package io.aioarango.api;

/**
 * A server answered with an error: an HTTP status of 400 or more, usually with ArangoDB's error body
 * {@code {"error":true,"errorNum":N,"errorMessage":"…","code":HTTP}}.
 */
public class ArangoServerException extends ArangoException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status code. */
    private final int status;
    /** ArangoDB's {@code errorNum}, 0 when the body carried none. */
    private final int errorNum;
    /** ArangoDB's {@code errorMessage}. */
    private final String errorMessage;
    private final transient Host host;
    /** The method of the failed request. */
    private final HttpMethod method;
    /** The path of the failed request, without the query string. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param status       the HTTP status code
     * @param errorNum     ArangoDB's {@code errorNum}, 0 when the body carried none
     * @param errorMessage ArangoDB's {@code errorMessage}
     * @param host         the coordinator that answered
     * @param method       the request's method
     * @param path         the request path, without the query string
     */
    public ArangoServerException(int status, int errorNum, String errorMessage, Host host, HttpMethod method,
            String path) {
        super(method + " " + path + " on " + host + " failed: HTTP " + status + ", errorNum " + errorNum + ": "
                + errorMessage);
        this.status = status;
        this.errorNum = errorNum;
        this.errorMessage = errorMessage;
        this.host = host;
        this.method = method;
        this.path = path;
    }

    /**
     * The HTTP status code.
     *
     * @return the status, e.g. 403
     */
    public int status() {
        return status;
    }

    /**
     * ArangoDB's {@code errorNum}.
     *
     * @return the error number, e.g. 1228 for "database not found"; 0 when the body carried none
     */
    public int errorNum() {
        return errorNum;
    }

    /**
     * ArangoDB's {@code errorMessage}.
     *
     * @return the message; for an exception the SDK raised never {@code null}, but {@code (no errorMessage)}
     *         or {@code (empty body)} when the answer carried none
     */
    public String errorMessage() {
        return errorMessage;
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
     * The method of the failed request.
     *
     * @return the method
     */
    public HttpMethod method() {
        return method;
    }

    /**
     * The path of the failed request, without the query string.
     *
     * @return the path as sent, e.g. {@code /_db/_system/_api/collection}
     */
    public String path() {
        return path;
    }
}
