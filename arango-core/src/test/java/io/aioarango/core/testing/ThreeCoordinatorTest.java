package io.aioarango.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import io.aioarango.core.ArangoClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests against three coordinators that can be stopped and started, over the transport a subclass
 * names. Coordinator {@code i} answers every request with {@code id} {@code CRDN-i} and a server queue
 * time of 2.5 ms. After each test every client is closed, every future the test tracked must have
 * completed exactly once, and the coordinators stop.
 */
public abstract class ThreeCoordinatorTest {
    protected final List<FakeCoordinator> coordinators = new ArrayList<>();
    protected final Completions completions = new Completions();
    private final List<ArangoClient> clients = new ArrayList<>();

    /** The transport under test: {@code jdk} or {@code netty}. */
    protected abstract String transport();

    @BeforeEach
    void startCoordinators() {
        for (int i = 0; i < 3; i++) {
            FakeCoordinator coordinator = new FakeCoordinator();
            coordinator.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("x-arango-queue-time-seconds", "0.002500")
                    .withBody("{\"error\":false,\"code\":200,\"id\":\"CRDN-" + i + "\"}")));
            coordinators.add(coordinator);
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        clients.forEach(ArangoClient::close);
        completions.assertEachCompletedOnce();
        coordinators.forEach(FakeCoordinator::close);
    }

    /** Builds the client and closes it after the test. */
    protected ArangoClient client(ArangoClient.Builder builder) {
        ArangoClient client = builder.build();
        clients.add(client);
        return client;
    }
}
