/**
 * The transport SPI: how the core reaches a coordinator over HTTP, knowing nothing of ArangoDB.
 *
 * <p>A {@link io.aioarango.api.spi.TransportProvider}, found through {@link java.util.ServiceLoader},
 * builds a {@link io.aioarango.api.spi.Transport}; the transport opens one
 * {@link io.aioarango.api.spi.HttpSession} per coordinator; a session sends an immutable
 * {@link io.aioarango.api.spi.TransportRequest} and returns a future of an immutable
 * {@link io.aioarango.api.ArangoResponse}. Sessions never block the caller's thread.
 */
package io.aioarango.api.spi;
