package io.aioarango.api;

import java.time.Duration;

/** A coordinator did not answer within the request timeout. */
public class ArangoTimeoutException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient Host host;
    /** The request timeout that passed. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param host    the coordinator that did not answer
     * @param timeout the request timeout that passed
     * @param cause   the underlying failure, or {@code null}
     * @throws NullPointerException if {@code timeout} is {@code null}
     */
    public ArangoTimeoutException(Host host, Duration timeout, Throwable cause) {
        super(host + ": no response within " + timeout.toMillis() + " ms", cause);
        this.host = host;
        this.timeout = timeout;
    }

    /**
     * The coordinator that did not answer.
     *
     * @return the host; {@code null} after deserialization, as it is not serialized
     */
    public Host host() {
        return host;
    }

    /**
     * The request timeout that passed.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
