package io.aioarango.core.internal;

/**
 * A readable answer lacked what a call needs. Thrown by readers, which do not know the host; the
 * executor turns it into {@link io.aioarango.api.MalformedResponseException} with host, status and body.
 */
public final class ResponseFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResponseFormatException(String message) {
        super(message, null, false, false);
    }

    public ResponseFormatException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
