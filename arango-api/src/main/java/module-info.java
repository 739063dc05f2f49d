/**
 * The domain of aioarango: the ports ({@code Cluster}, {@code Database}, {@code HostResolver}) and the
 * immutable records, requests, responses and exceptions applications use ({@link io.aioarango.api}). No
 * dependency, no thread, no timer: the transport contract and its runtime live in
 * {@code io.aioarango.transport.spi}.
 */
@SuppressWarnings("module") // the targets of the qualified export are built after this module
module io.aioarango.api {
    exports io.aioarango.api;
    // Helpers of the records and of request checking; not for users, nor for transports.
    exports io.aioarango.api.internal to io.aioarango.transport.spi, io.aioarango.core;
}
