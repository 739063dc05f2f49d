/**
 * The aioarango client: {@link io.aioarango.core.ArangoClient}, the host resolvers, request building,
 * the attempt loop and JSON reading. The transport is found with {@link java.util.ServiceLoader}: add
 * {@code io.aioarango.transport.jdk} or {@code io.aioarango.transport.netty} to the module path (or any
 * module that provides {@link io.aioarango.transport.spi.TransportProvider}).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Micrometer 1.x has no module-info
module io.aioarango.core {
    // The API's types (Database, Cluster, the records) are what ArangoClient hands out.
    requires transitive io.aioarango.api;
    // The transports it finds as services implement this contract; ArangoClient.Builder takes a Transport.
    requires transitive io.aioarango.transport.spi;
    // Jackson stays internal: no Jackson type is part of the API, and it only ever reads trees and writes
    // maps, lists and scalars, so nothing of ours is opened to it.
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    // ArangoClient.Builder takes a MeterRegistry and an ObservationRegistry; the observation convention
    // hands out Micrometer's KeyValues (micrometer-commons).
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires transitive micrometer.commons;

    exports io.aioarango.core;

    uses io.aioarango.transport.spi.TransportProvider;
}
