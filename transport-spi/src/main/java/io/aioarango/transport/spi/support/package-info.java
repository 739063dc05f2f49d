/**
 * Supported runtime for transports, used by the SDK's own and tested with them; a transport written
 * against it alone passes {@code transport-tck}'s contract suites (its tests hold one, on plain sockets):
 * <ul>
 * <li>{@link io.aioarango.transport.spi.support.PendingExchanges}: the futures a session handed out, each
 *     bounded by the request timeout, all failed when the session closes, without a race between the two;</li>
 * <li>{@link io.aioarango.transport.spi.support.ConnectionFailures}: the "may have been sent" rule, which
 *     decides whether the core may send a request to another coordinator whatever its method;</li>
 * <li>{@link io.aioarango.transport.spi.support.ResponseChecks} and
 *     {@link io.aioarango.transport.spi.support.ResponseBodyBuffer}: an answer read into one array, with its
 *     length, header size and body limits checked alike on every transport, and any failure met while
 *     reading turned into one of the SDK's exceptions;</li>
 * <li>{@link io.aioarango.transport.spi.support.Completions}: completing a caller's future whatever is
 *     thrown on the way;</li>
 * <li>{@link io.aioarango.transport.spi.support.OpenSessions}: the sessions a transport opened, all closed
 *     with it;</li>
 * <li>{@link io.aioarango.transport.spi.support.DaemonThreads} and
 *     {@link io.aioarango.transport.spi.support.DeadlineTimer}: named daemon threads and one timer thread
 *     for deadlines, so that no transport thread keeps the JVM alive.</li>
 * </ul>
 */
package io.aioarango.transport.spi.support;
