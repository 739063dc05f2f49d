package io.aioarango.api;

import java.time.Duration;

/** A coordinator did not answer within the request timeout. */
public class ArangoTimeoutException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient Host host;
    private final Duration timeout;

    public ArangoTimeoutException(Host host, Duration timeout, Throwable cause) {
        super(host + ": no response within " + timeout.toMillis() + " ms", cause);
        this.host = host;
        this.timeout = timeout;
    }

    public Host host() {
        return host;
    }

    public Duration timeout() {
        return timeout;
    }
}
