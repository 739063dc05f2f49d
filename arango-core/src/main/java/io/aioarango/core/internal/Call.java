package io.aioarango.core.internal;

import io.aioarango.api.ArangoRequest;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;

/**
 * One API call described as data: the request to send and how to read a successful answer. The
 * executor does everything else.
 *
 * @param prepared the request as the transport sends it on one database's route, when the call is the
 *                 same every time (a cluster call without arguments): built once rather than per call;
 *                 {@code null} to build it per call
 */
public record Call<T>(ArangoRequest request, Reader<T> reader, TransportRequest prepared) {

    public Call(ArangoRequest request, Reader<T> reader) {
        this(request, reader, null);
    }

    /** Reads a 2xx answer into the call's result; throws {@link ResponseFormatException} when it cannot. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(TransportResponse response);
    }
}
