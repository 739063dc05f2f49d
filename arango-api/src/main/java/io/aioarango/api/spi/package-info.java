/**
 * The transport SPI: how the core reaches a coordinator over HTTP, knowing nothing of ArangoDB, and what a
 * transport author needs to meet its contract.
 *
 * <p>A {@link io.aioarango.api.spi.TransportProvider}, found through {@link java.util.ServiceLoader},
 * builds a {@link io.aioarango.api.spi.Transport}; the transport opens one
 * {@link io.aioarango.api.spi.HttpSession} per coordinator; a session sends an immutable
 * {@link io.aioarango.api.spi.TransportRequest} and returns a future of an immutable
 * {@link io.aioarango.api.ArangoResponse}. Sessions never block the caller's thread.
 *
 * <p>The rest of the package is supported runtime for transports, used by the SDK's own and tested with
 * them; a transport written against it alone passes {@code transport-tck}'s contract suites (its tests hold
 * one, on plain sockets):
 * <ul>
 * <li>{@link io.aioarango.api.spi.PendingExchanges}: the futures a session handed out, each bounded by the
 *     request timeout, all failed when the session closes, without a race between the two;</li>
 * <li>{@link io.aioarango.api.spi.ConnectionFailures}: the "may have been sent" rule, which decides whether
 *     the core may send a request to another coordinator whatever its method;</li>
 * <li>{@link io.aioarango.api.spi.ResponseChecks} and {@link io.aioarango.api.spi.ResponseBodyBuffer}: an
 *     answer read into one array, with its length, header size and body limits checked alike on every
 *     transport, and any failure met while reading turned into one of the SDK's exceptions;</li>
 * <li>{@link io.aioarango.api.spi.Completions}: completing a caller's future whatever is thrown on the way;</li>
 * <li>{@link io.aioarango.api.spi.DaemonThreads}: named daemon threads, so that no transport thread keeps the
 *     JVM alive.</li>
 * </ul>
 */
package io.aioarango.api.spi;
