package io.aioarango.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.Host;
import io.aioarango.transport.tck.ConnectionCountingProxy;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A coordinator that can be stopped and started again on the same port: WireMock behind a loopback
 * proxy. Stopping closes the proxy, so clients get a refused connection, and every open connection.
 */
public final class FakeCoordinator implements AutoCloseable {
    public final WireMockServer server;
    private volatile ConnectionCountingProxy proxy;
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
    }

    public void start() {
        try {
            proxy = new ConnectionCountingProxy(port, server.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        server.stop();
    }
}
