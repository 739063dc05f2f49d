package io.aioarango.testkit;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a coordinator is silent (frozen or black-holed), and the answers it holds meanwhile: while silent
 * its connections are not read, and no answer is sent; once it speaks again the held answers go first, in
 * order, then the connections are read again.
 */
final class Silence {
    private final ChannelGroup connections;
    /**
     * Guards {@link #on} and {@link #held}. Event-loop threads take it, so it is never held while waiting for an
     * event loop (the coordinator's monitor is: {@link FakeCoordinator#stop()} waits for channels to close).
     */
    private final Object lock = new Object();
    /** Written under {@link #lock}, read by every connection's gate. */
    private volatile boolean on;
    /** Answers ready while silent, oldest first. */
    private final List<HeldAnswer> held = new ArrayList<>();

    private record HeldAnswer(Channel channel, Runnable send) {
    }

    Silence(ChannelGroup connections) {
        this.connections = connections;
    }

    boolean isOn() {
        return on;
    }

    /**
     * Makes the coordinator silent or lets it speak. Letting it speak sends the held answers first, then reads
     * the connections again: a connection's requests that came in while silent are answered after them.
     */
    void set(boolean silent) {
        List<HeldAnswer> release = List.of();
        synchronized (lock) {
            on = silent;
            if (!silent) {
                release = List.copyOf(held);
                held.clear();
            }
        }
        for (HeldAnswer answer : release) {
            if (answer.channel().isOpen()) {
                answer.channel().eventLoop().execute(() -> answer(answer.channel(), answer.send()));
            }
        }
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> follow(connection));
        }
    }

    /**
     * Reads a connection from the kernel or not, as the coordinator is silent or not. Always run on the
     * connection's event loop, reading {@link #on} then: the last run wins, so switches in quick succession
     * cannot leave a connection deaf. The kernel then buffers what a client sends, as for a paused process.
     */
    void follow(Channel connection) {
        connection.config().setAutoRead(!on);
    }

    /**
     * Sends an answer, on its connection's event loop, or holds it while the coordinator is silent. It is sent
     * under the lock, so that once {@link FakeCoordinator#freeze()} returns no answer starts.
     */
    void answer(Channel connection, Runnable send) {
        synchronized (lock) {
            if (on) {
                held.add(new HeldAnswer(connection, send));
            } else {
                send.run();
            }
        }
    }
}
