package io.aioarango.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.aioarango.core.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Database;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.ArangoResponse;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.jdk.JdkTransportProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One session per coordinator, and each request only through the session of the host chosen for it. */
class SessionRoutingTest {
    private WireMockServer a;
    private WireMockServer b;

    @BeforeEach
    void start() {
        a = Fixtures.coordinator();
        b = Fixtures.coordinator();
        for (WireMockServer server : List.of(a, b)) {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        }
    }

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
    }

    /** A real jdk transport that records which session each request went through. */
    static final class RecordingTransport implements Transport {
        final Transport delegate = new JdkTransportProvider().create(TransportOptions.defaults());
        final Map<Host, Integer> opened = new ConcurrentHashMap<>();
        final Map<Host, List<String>> sentThrough = new ConcurrentHashMap<>();
        final List<HttpSession> sessions = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public HttpSession openSession(Host host) {
            opened.merge(host, 1, Integer::sum);
            HttpSession session = delegate.openSession(host);
            HttpSession recording = new HttpSession() {
                @Override
                public Host host() {
                    return host;
                }

                @Override
                public CompletableFuture<TransportResponse> send(TransportRequest request) {
                    sentThrough.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>())
                            .add(request.headers().first("x-seq").orElseThrow());
                    return session.send(request);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
            sessions.add(recording);
            return recording;
        }

        @Override
        public void close() {
            closed.set(true);
            delegate.close();
        }
    }

    private static List<String> markersReceivedBy(WireMockServer server) {
        return server.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getHeader("x-seq")).toList();
    }

    @Test
    void eachCoordinatorReceivesOnlyTheRequestsSentThroughItsOwnSession() {
        RecordingTransport transport = new RecordingTransport();
        Host hostA = new Host("http", "127.0.0.1", a.port());
        Host hostB = new Host("http", "127.0.0.1", b.port());
        try (ArangoClient client = ArangoClient.builder().hosts(Fixtures.url(a), Fixtures.url(b))
                .hostResolver("roundrobin").hedging(Hedging.off()).transport(transport).build()) {
            assertThat(client.transportName()).isEqualTo("recording");
            Database db = client.db("_system", "root", "passwd").join();
            List<CompletableFuture<ArangoResponse>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(db.send(ArangoRequest.builder(HttpMethod.GET, "/_api/version")
                        .header("x-seq", String.valueOf(i)).build()));
            }
            sent.forEach(Fixtures::await);
        }

        assertThat(transport.opened).containsExactlyInAnyOrderEntriesOf(Map.of(hostA, 1, hostB, 1));
        assertThat(transport.sentThrough.get(hostA)).hasSize(20);
        assertThat(transport.sentThrough.get(hostB)).hasSize(20).doesNotContainAnyElementsOf(
                transport.sentThrough.get(hostA));
        assertThat(markersReceivedBy(a)).containsExactlyInAnyOrderElementsOf(transport.sentThrough.get(hostA));
        assertThat(markersReceivedBy(b)).containsExactlyInAnyOrderElementsOf(transport.sentThrough.get(hostB));
    }

    @Test
    void aTransportPassedInIsNeverClosedButItsSessionsAre() {
        RecordingTransport transport = new RecordingTransport();
        ArangoClient client = ArangoClient.builder().hosts(Fixtures.url(a)).transport(transport).build();

        client.close();

        assertThat(transport.closed).isFalse();
        HttpSession session = transport.sessions.get(0);
        assertThat(Fixtures.failure(session.send(new TransportRequest(HttpMethod.GET, "/", io.aioarango.api.Headers
                .empty().with("x-seq", "0"), null)))).hasMessageContaining("session closed");
        transport.delegate.close();
    }

    @Test
    void requestsCarryAuthJsonAndUserAgentHeaders() {
        try (ArangoClient client = ArangoClient.builder().hosts(Fixtures.url(a)).transport("jdk").build()) {
            await(client.db("_system", "root", "passwd").join().send(ArangoRequest.builder(HttpMethod.POST, "/_api/x")
                    .jsonBody("{\"k\":1}").header("x-seq", "1").build()));
        }
        LoggedRequest request = Fixtures.onlyRequest(a);
        assertThat(request.getHeader("Authorization")).isEqualTo(Fixtures.AUTH);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(request.getHeader("User-Agent")).isEqualTo("aioarango-java/" + System.getProperty("aioarango.version"))
                .matches("aioarango-java/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(request.getBodyAsString()).isEqualTo("{\"k\":1}");
    }

    @Test
    void aHeaderTheCallerSetsReplacesOursInsteadOfDoublingIt() {
        try (ArangoClient client = ArangoClient.builder().hosts(Fixtures.url(a)).transport("jdk").build()) {
            await(client.db("_system", "root", "passwd").join().send(ArangoRequest.builder(HttpMethod.PUT, "/_api/x")
                    .body(new byte[] {1}).header("Content-Type", "application/octet-stream")
                    .header("Authorization", "bearer jwt").header("x-seq", "1").build()));
        }
        LoggedRequest request = Fixtures.onlyRequest(a);
        assertThat(request.getHeaders().getHeader("Content-Type").values()).containsExactly("application/octet-stream");
        assertThat(request.getHeaders().getHeader("Authorization").values()).containsExactly("bearer jwt");
    }
}
