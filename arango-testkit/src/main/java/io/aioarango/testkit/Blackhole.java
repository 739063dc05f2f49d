package io.aioarango.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a port so that connecting to it times out instead of being refused, as to a host that vanished: a
 * listener that never accepts, its accept queue filled with connections of its own. Linux drops a SYN to a
 * listener whose accept queue is full, so a client's connect gets no answer at all. A listener with backlog 1
 * takes two connections on Linux before it is full; how many it took is found by connecting until a connect
 * does not complete.
 */
final class Blackhole implements Closeable {
    /** A loopback connect that completes does so in microseconds; one that does not costs this much once. */
    private static final int FILL_TIMEOUT_MILLIS = 100;
    /** Far above what Linux needs: a system that accepts on and on (it refuses or queues unboundedly) fails. */
    private static final int MAX_FILLERS = 16;

    private final ServerSocket listener;
    private final List<Socket> fillers;

    private Blackhole(ServerSocket listener, List<Socket> fillers) {
        this.listener = listener;
        this.fillers = fillers;
    }

    /**
     * Binds the port and fills the accept queue.
     *
     * @throws IllegalStateException if the port cannot be bound or connections keep completing
     */
    static Blackhole open(int port) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        ServerSocket listener = null;
        List<Socket> fillers = new ArrayList<>();
        try {
            listener = new ServerSocket();
            // The coordinator's old connections still hold the port; they and this socket both reuse it.
            listener.setReuseAddress(true);
            listener.bind(address, 1);
            for (int i = 0; i <= MAX_FILLERS; i++) {
                Socket filler = new Socket();
                fillers.add(filler);
                try {
                    filler.connect(address, FILL_TIMEOUT_MILLIS);
                } catch (SocketTimeoutException full) {
                    // Its SYN was dropped: the queue is full. It never connected, so it holds no place there.
                    fillers.remove(filler);
                    FakeCoordinator.closeQuietly(filler);
                    return new Blackhole(listener, fillers);
                }
            }
            throw new IOException("its accept queue took " + fillers.size() + " connections without dropping one;"
                    + " black-holing needs a system where a full accept queue drops SYNs, such as Linux");
        } catch (IOException e) {
            new Blackhole(listener, fillers).close();
            throw new IllegalStateException("Could not black-hole 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** Closes the listener first, so that the kernel resets the queued connections, then the fillers. */
    @Override
    public void close() {
        if (listener != null) {
            FakeCoordinator.closeQuietly(listener);
        }
        fillers.forEach(FakeCoordinator::closeQuietly);
    }
}
