/**
 * The pure domain of aioarango: the ports ({@code Cluster}, {@code Database}, {@code HostResolver}), the
 * immutable domain records and exceptions ({@link io.aioarango.api}), and the supported SPI that
 * transports are written against ({@link io.aioarango.api.spi}). No third-party dependency.
 */
@SuppressWarnings("module") // io.aioarango.core, the target of the qualified export, is built after this module
module io.aioarango.api {
    exports io.aioarango.api;
    exports io.aioarango.api.spi;
    // Helpers of the records and of the core's request building; not for users, not for transports.
    exports io.aioarango.api.internal to io.aioarango.core;
}
