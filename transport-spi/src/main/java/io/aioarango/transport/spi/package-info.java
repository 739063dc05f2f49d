/**
 * The transport contract: how the core reaches a coordinator over HTTP, knowing nothing of ArangoDB.
 *
 * <p>A {@link io.aioarango.transport.spi.TransportProvider}, found through {@link java.util.ServiceLoader},
 * builds a {@link io.aioarango.transport.spi.Transport} from {@link io.aioarango.transport.spi.TransportOptions};
 * the transport opens one {@link io.aioarango.transport.spi.HttpSession} per coordinator; a session sends an
 * immutable {@link io.aioarango.transport.spi.TransportRequest} and returns a future of a
 * {@link io.aioarango.transport.spi.TransportResponse}. Bodies are handed over, never copied: a request's
 * as a read-only buffer, a response's as the array it was read into. Sessions never block the caller's
 * thread.
 *
 * <p>{@link io.aioarango.transport.spi.support} is the runtime the SDK's transports share; a transport
 * written against it passes {@code transport-tck}'s contract suites.
 */
package io.aioarango.transport.spi;
