package io.aioarango.core.internal;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ArangoResponse;

/**
 * One API call described as data: the request to send and how to read a successful answer. The
 * executor does everything else.
 */
public record Call<T>(ArangoRequest request, Reader<T> reader) {

    /** Reads a 2xx answer into the call's result; throws {@link ResponseFormatException} when it cannot. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ArangoResponse response);
    }
}
