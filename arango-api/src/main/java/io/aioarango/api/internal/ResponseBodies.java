package io.aioarango.api.internal;

import io.aioarango.api.ArangoResponse;

/**
 * The core's view of an answer's bytes without a copy, for its JSON parser: {@link ArangoResponse#body()}
 * copies, as a public method of an immutable object must. Exported to the core alone.
 */
public final class ResponseBodies {
    /** Reads a response's array; installed by {@link ArangoResponse} when it is initialised. */
    public interface Access {
        /**
         * @param response an answer
         * @return its own array, of which the first {@link ArangoResponse#bodyLength()} bytes are the body
         */
        byte[] array(ArangoResponse response);
    }

    private static volatile Access access;

    private ResponseBodies() {
    }

    /**
     * Installs the access; called once, by {@link ArangoResponse}'s initialiser.
     *
     * @param installed the access
     * @throws IllegalStateException if called again
     */
    public static synchronized void install(Access installed) {
        if (access != null) {
            throw new IllegalStateException("ResponseBodies access is installed already");
        }
        access = installed;
    }

    /**
     * The response's own array; never modify it.
     *
     * @param response an answer; its class is initialised, so the access is installed
     * @return the array, of which the first {@code bodyLength()} bytes are the body
     */
    public static byte[] array(ArangoResponse response) {
        return access.array(response);
    }
}
