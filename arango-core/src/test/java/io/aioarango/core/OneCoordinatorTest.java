package io.aioarango.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.aioarango.core.Fixtures.AUTH;
import static io.aioarango.core.Fixtures.onlyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aioarango.api.Cluster;
import io.aioarango.api.Host;
import java.nio.charset.StandardCharsets;
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

    /** The client's configuration beyond hosts and transport; a subclass may add to it. */
    ArangoClient.Builder configure(ArangoClient.Builder builder) {
        return builder;
    }

    @BeforeAll
    void startCoordinator() {
        server = Fixtures.coordinator();
        client = configure(ArangoClient.builder().hosts(Fixtures.url(server)).transport(transport())).build();
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

    /** Asserts the one request received, authenticated and asking for JSON, and returns it for body checks. */
    LoggedRequest sent(String method, String url) {
        LoggedRequest request = onlyRequest(server);
        assertThat(request.getMethod().getName()).isEqualTo(method);
        assertThat(request.getUrl()).isEqualTo(url);
        assertThat(request.getHeader("Authorization")).isEqualTo(AUTH);
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        return request;
    }

    void sentWithoutBody(String method, String url) {
        LoggedRequest request = sent(method, url);
        assertThat(request.getBody()).isEmpty();
        assertThat(request.containsHeader("Content-Type")).isFalse();
    }

    void sentWithJson(String method, String url, String json) {
        LoggedRequest request = sent(method, url);
        assertThat(new String(request.getBody(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    }
}
