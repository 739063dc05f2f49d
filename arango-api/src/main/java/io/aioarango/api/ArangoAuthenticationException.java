package io.aioarango.api;

/** The server rejected the credentials (HTTP 401, usually errorNum 11). Never carries the password. */
public class ArangoAuthenticationException extends ArangoServerException {
    private static final long serialVersionUID = 1L;

    public ArangoAuthenticationException(int errorNum, String errorMessage, Host host, HttpMethod method,
            String path) {
        super(401, errorNum, errorMessage, host, method, path);
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " (check the user name and password)";
    }
}
