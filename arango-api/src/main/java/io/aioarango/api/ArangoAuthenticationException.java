package io.aioarango.api;

/** The server rejected the credentials (HTTP 401, usually errorNum 11). Never carries the password. */
public class ArangoAuthenticationException extends ArangoServerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a 401 answer.
     *
     * @param errorNum     ArangoDB's {@code errorNum}, 0 when the body carried none
     * @param errorMessage ArangoDB's {@code errorMessage}
     * @param host         the coordinator that answered
     * @param method       the request's method
     * @param path         the request path, without the query string
     */
    public ArangoAuthenticationException(int errorNum, String errorMessage, Host host, HttpMethod method,
            String path) {
        super(401, errorNum, errorMessage, host, method, path);
    }

    /**
     * The message, with a hint to check the credentials.
     *
     * @return the message of {@link ArangoServerException#getMessage()} followed by the hint
     */
    @Override
    public String getMessage() {
        return super.getMessage() + " (check the user name and password)";
    }
}
