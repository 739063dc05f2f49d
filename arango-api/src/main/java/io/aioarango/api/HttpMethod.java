package io.aioarango.api;

/** The HTTP methods ArangoDB's API uses. */
public enum HttpMethod {
    GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS;

    /** GET, HEAD and OPTIONS change nothing on the server, so repeating one is always harmless. */
    public boolean isSafe() {
        return this == GET || this == HEAD || this == OPTIONS;
    }
}
