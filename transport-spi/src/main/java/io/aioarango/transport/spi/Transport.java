package io.aioarango.transport.spi;

import io.aioarango.api.Host;

/** Opens HTTP sessions, one per coordinator, sharing whatever threads the transport owns. */
public interface Transport extends AutoCloseable {

    /**
     * The provider's name.
     *
     * @return the name of the {@link TransportProvider} that built it, e.g. {@code jdk}
     */
    String name();

    /**
     * Opens the session for {@code host}; the session sends only to that host.
     *
     * @param host the coordinator
     * @return a new session; closed by the caller, or at the latest by {@link #close()}
     * @throws IllegalStateException if the transport is closed
     */
    HttpSession openSession(Host host);

    /**
     * Closes every session still open, fails their pending requests, and releases the threads and
     * connections the transport created (never those a caller passed in). Idempotent.
     */
    @Override
    void close();
}
