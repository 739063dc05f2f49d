package io.aioarango.api;

/** The base of every exception the SDK raises for a failed request. Unchecked. */
public class ArangoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArangoException(String message) {
        super(message);
    }

    public ArangoException(String message, Throwable cause) {
        super(message, cause);
    }
}
