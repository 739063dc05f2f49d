package io.aioarango.api;

/** The base of every exception the SDK raises for a failed request. Unchecked. */
public class ArangoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public ArangoException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause   the underlying failure, or {@code null}
     */
    public ArangoException(String message, Throwable cause) {
        super(message, cause);
    }
}
