package io.aioarango.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.Host;
import io.aioarango.transport.tck.ConnectionCountingProxy;
import io.aioarango.transport.tck.Waiting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A coordinator that can be stopped and started again on the same port: WireMock behind a loopback
 * proxy. Stopping closes the proxy, so clients get a refused connection, and every open connection.
 */
public final class FakeCoordinator implements AutoCloseable {
    public final WireMockServer server;
    private volatile ConnectionCountingProxy proxy;
    /** Holds the port while stopped, so that no other server can take it and answer in its place. */
    private volatile Socket placeholder;
    private final int port;

    public FakeCoordinator() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(40));
        server.start();
        try {
            proxy = new ConnectionCountingProxy(server.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = proxy.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Host host() {
        return new Host("http", "127.0.0.1", port);
    }

    public void stop() {
        try {
            proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A bound socket that does not listen: connections to the port are refused, as from a stopped
        // coordinator, and no server started meanwhile (in this JVM or another) can listen there instead.
        // Best effort: with connections of the proxy still in TIME_WAIT the port cannot be held this way.
        Socket holder = new Socket();
        try {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            placeholder = holder;
        } catch (IOException e) {
            closeQuietly(holder);
        }
        awaitRefused();
    }

    /** Returns once a connection to the port is refused: the coordinator is down for every client. */
    private void awaitRefused() {
        Waiting.eventually(() -> "port " + port + " refuses connections after stop()", this::refused);
    }

    private boolean refused() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    public void start() {
        Socket holder = placeholder;
        placeholder = null;
        if (holder != null) {
            closeQuietly(holder);
        }
        try {
            proxy = new ConnectionCountingProxy(port, server.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Requests that reached the server. */
    public int received() {
        return server.findAll(anyRequestedFor(anyUrl())).size();
    }

    /** Client connections open now (since the last start). */
    public int openConnections() {
        return proxy.openConnections();
    }

    @Override
    public void close() {
        stop();
        Socket holder = placeholder;
        if (holder != null) {
            closeQuietly(holder);
        }
        server.stop();
    }
}
