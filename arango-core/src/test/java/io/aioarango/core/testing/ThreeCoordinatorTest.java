package io.aioarango.core.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.Host;
import io.aioarango.core.ArangoClient;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeCoordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests against an arango-testkit {@link FakeCluster} of three coordinators that can be stopped, started,
 * delayed and made to fail, over the transport a subclass names. A test that needs an answer the fake
 * cluster does not give (a redirect header, an endpoint list of its own, a particular body) starts a
 * WireMock coordinator of its own with {@link #wireMock()}. After each test every client is closed, every
 * future the test tracked must have completed exactly once, and the coordinators stop.
 */
public abstract class ThreeCoordinatorTest {
    protected final Completions completions = new Completions();
    protected FakeCluster fakeCluster;
    /** The fake cluster's coordinators, in order. */
    protected List<FakeCoordinator> coordinators;
    private final List<ArangoClient> clients = new ArrayList<>();
    private final List<WireMockServer> wireMocks = new ArrayList<>();

    /** The transport under test: {@code jdk} or {@code netty}. */
    protected abstract String transport();

    /** The fake cluster to start: three coordinators; a subclass may add collections, users or databases. */
    protected FakeCluster.Builder fakeClusterShape() {
        return FakeCluster.builder().coordinators(3);
    }

    @BeforeEach
    void startCoordinators() {
        fakeCluster = fakeClusterShape().start();
        coordinators = fakeCluster.coordinators();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        try {
            clients.forEach(ArangoClient::close);
            completions.assertEachCompletedOnce();
        } finally {
            fakeCluster.close();
            wireMocks.forEach(WireMockServer::stop);
        }
    }

    /** Builds the client and closes it after the test. */
    protected ArangoClient client(ArangoClient.Builder builder) {
        ArangoClient client = builder.build();
        clients.add(client);
        return client;
    }

    /** A WireMock coordinator on 127.0.0.1, without stubs, stopped after the test. */
    protected WireMockServer wireMock() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        wireMocks.add(server);
        return server;
    }

    /** The future's result, tracked; fails the test if it fails or takes over 20 s. */
    protected <T> T await(CompletableFuture<T> future) {
        try {
            return completions.track(future).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The future's failure, tracked; fails the test if it succeeds or takes over 20 s. */
    protected Throwable failure(CompletableFuture<?> future) {
        try {
            completions.track(future).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure, the request succeeded");
    }

    /** The coordinator as the client names it. */
    protected static Host host(FakeCoordinator coordinator) {
        return new Host("http", "127.0.0.1", coordinator.port());
    }

    protected static Host host(WireMockServer server) {
        return new Host("http", "127.0.0.1", server.port());
    }

    protected static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
