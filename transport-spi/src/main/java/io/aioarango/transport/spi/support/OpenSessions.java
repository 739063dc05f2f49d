package io.aioarango.transport.spi.support;

import io.aioarango.transport.spi.HttpSession;
import io.aioarango.api.Host;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The sessions a transport has open, and the transport's closing: {@link #close()} closes every session
 * open, a session whose opening raced with it is closed by {@link #open} (which then throws), and none
 * opens after it.
 *
 * <pre>{@code
 * public HttpSession openSession(Host host) {
 *     return sessions.open(host, (h, onClose) -> new MySession(h, ..., onClose));
 * }
 * }</pre>
 *
 * @param <S> the transport's session type; a session calls the {@code onClose} it was given when it closes
 */
public final class OpenSessions<S extends HttpSession> {
    private final String transportName;
    private final Set<S> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the set of a transport, with no session open.
     *
     * @param transportName the transport's name, for the message when a session is asked for after close
     */
    public OpenSessions(String transportName) {
        this.transportName = transportName;
    }

    /**
     * Opens a session with {@code factory}, which gets the host and the callback the session must call when
     * it closes.
     *
     * @param host    the coordinator
     * @param factory builds the session from the host and the callback
     * @return the session, registered until it calls its callback
     * @throws IllegalStateException if the transport is closed (a session opened while it closed is closed)
     */
    public S open(Host host, BiFunction<Host, Consumer<S>, S> factory) {
        checkOpen(host);
        S session = factory.apply(host, open::remove);
        open.add(session);
        if (closed.get()) {
            session.close(); // close() ran while this session was being opened and may not have seen it
            checkOpen(host);
        }
        return session;
    }

    private void checkOpen(Host host) {
        if (closed.get()) {
            throw new IllegalStateException("The " + transportName + " transport is closed; no session can be opened "
                    + "for " + host);
        }
    }

    /**
     * Closes every open session; no session opens after it.
     *
     * @return {@code true} on the first call, {@code false} if already closed, so that the caller frees its
     *         threads once
     */
    public boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        List.copyOf(open).forEach(HttpSession::close);
        return true;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closing began
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * How many sessions are open now.
     *
     * @return the number of sessions opened and not yet closed
     */
    public int size() {
        return open.size();
    }
}
