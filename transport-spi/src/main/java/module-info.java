/**
 * The transport SPI: the contract the client reaches coordinators through ({@link io.aioarango.transport.spi})
 * and the runtime the SDK's transports share ({@link io.aioarango.transport.spi.support}). It knows the
 * api's vocabulary (hosts, headers, methods, TLS settings, the SDK's exceptions), never its ports or records.
 */
module io.aioarango.transport.spi {
    requires transitive io.aioarango.api;

    exports io.aioarango.transport.spi;
    exports io.aioarango.transport.spi.support;
}
