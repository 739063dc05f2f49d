package io.aioarango.transport.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of one server, counting the connections clients open: the
 * server-side view of keep-alive, of cancelled requests and of closing. Blocking I/O, two threads per
 * connection: a test tool, not a load tool.
 */
public final class ConnectionCountingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    /**
     * A proxy on a free port of 127.0.0.1 in front of {@code 127.0.0.1:targetPort}.
     *
     * @param targetPort the port of the server on 127.0.0.1
     * @throws IOException if no port can be bound
     */
    public ConnectionCountingProxy(int targetPort) throws IOException {
        this(0, targetPort);
    }

    /**
     * A proxy listening on {@code listenPort} (0 for any free port): give the port of a proxy closed
     * before to bring a "stopped" server back where its clients expect it.
     *
     * @param listenPort the port to listen on, on 127.0.0.1; 0 for any free port
     * @param targetPort the port of the server on 127.0.0.1
     * @throws IOException if {@code listenPort} cannot be bound
     */
    public ConnectionCountingProxy(int listenPort, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 200);
        this.acceptor = new Thread(this::acceptLoop, "tck-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * The port clients connect to.
     *
     * @return the port the proxy listens on, on 127.0.0.1
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Connections clients opened since the proxy started.
     *
     * @return the number of connections accepted
     */
    public int acceptedConnections() {
        return accepted.get();
    }

    /**
     * Client connections open now.
     *
     * @return the number of client connections not yet closed by either side
     */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                open.add(client);
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                // Without these, Nagle's algorithm and delayed acknowledgements cost 40 ms a request.
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pump(client, server, "tck-proxy-up");
                pump(server, client, "tck-proxy-down");
            } catch (IOException e) {
                // listener closed, or the target refused: the client sees its connection close
            }
        }
    }

    private void pump(Socket from, Socket to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(ConnectionCountingProxy::closeQuietly);
    }
}
