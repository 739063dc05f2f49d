package io.aioarango.api;

/**
 * A server answered with an error: an HTTP status of 400 or more, usually with ArangoDB's error body
 * {@code {"error":true,"errorNum":N,"errorMessage":"…","code":HTTP}}.
 */
public class ArangoServerException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorNum;
    private final String errorMessage;
    private final transient Host host;
    private final HttpMethod method;
    private final String path;

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

    /** The HTTP status code, e.g. 403. */
    public int status() {
        return status;
    }

    /** ArangoDB's {@code errorNum}, e.g. 1228 for "database not found"; 0 when the body carried none. */
    public int errorNum() {
        return errorNum;
    }

    /** ArangoDB's {@code errorMessage}, never {@code null}. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The coordinator that answered. */
    public Host host() {
        return host;
    }

    public HttpMethod method() {
        return method;
    }

    /** The request path, without the query string. */
    public String path() {
        return path;
    }
}
