package io.aioarango.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.Cluster;
import io.aioarango.api.Host;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests of one client over one WireMock coordinator, as {@code root:passwd} on {@code _system}; each
 * concrete class names the transport, so that the same tests run on every transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneCoordinatorTest {
    WireMockServer server;
    ArangoClient client;
    Cluster cluster;
    Host host;

    /** {@code jdk} or {@code netty}. */
    abstract String transport();

    @BeforeAll
    void startCoordinator() {
        server = Fixtures.coordinator();
        client = ArangoClient.builder().hosts(Fixtures.url(server)).transport(transport()).build();
        cluster = client.db("_system", "root", "passwd").join().cluster();
        host = new Host("http", "127.0.0.1", server.port());
    }

    @AfterAll
    void stopCoordinator() {
        client.close();
        server.stop();
    }

    @BeforeEach
    void resetCoordinator() {
        server.resetAll();
    }

    /** Every request gets this answer. */
    void answer(int status, String contentType, String body) {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));
    }

    void answer(int status, String json) {
        answer(status, "application/json", json);
    }
}
