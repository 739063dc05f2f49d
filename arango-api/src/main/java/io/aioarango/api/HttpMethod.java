package io.aioarango.api;

/** The HTTP methods ArangoDB's API uses. */
public enum HttpMethod {
    /** {@code GET}: reads a resource. */
    GET,
    /** {@code HEAD}: as {@code GET}, without the body. */
    HEAD,
    /** {@code POST}: creates, or runs an operation. */
    POST,
    /** {@code PUT}: replaces or sets a resource. */
    PUT,
    /** {@code PATCH}: updates part of a resource. */
    PATCH,
    /** {@code DELETE}: removes a resource. */
    DELETE,
    /** {@code OPTIONS}: asks what a resource allows. */
    OPTIONS;

    /**
     * Whether the method changes nothing on the server, so that repeating a request is always harmless.
     *
     * @return {@code true} for {@code GET}, {@code HEAD} and {@code OPTIONS}
     */
    public boolean isSafe() {
        return this == GET || this == HEAD || this == OPTIONS;
    }
}
