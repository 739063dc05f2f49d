package io.aioarango.transport.jdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jdk transport moves bytes to one host per session and reports failures in the SPI's terms. */
class JdkTransportTest {
    private WireMockServer server;
    private Host host;
    private Transport transport;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        host = new Host("http", "127.0.0.1", server.port());
        transport = new JdkTransportProvider().create(TransportOptions.builder()
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofMillis(500)).build());
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop();
    }

    private static TransportResponse await(CompletableFuture<TransportResponse> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<TransportResponse> future) {
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((r, e) -> e).join();
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get)
                .map(TransportProvider::name)).containsExactly("jdk");
        assertThat(transport.name()).isEqualTo("jdk");
    }

    @Test
    void sendsMethodTargetHeadersAndBodyAsGiven() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withHeader("X-Many", "1", "2")
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
        HttpSession session = transport.openSession(host);

        TransportResponse response = await(session.send(new TransportRequest(HttpMethod.PUT, "/_db/x/_api/y?a=b%20c&d=%2F",
                Headers.empty().with("X-Repeat", "one").with("X-Repeat", "two"),
                "{\"k\":1}".getBytes(StandardCharsets.UTF_8))));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().all("x-many")).containsExactly("1", "2");
        assertThat(response.headers().first("Content-Type")).hasValue("application/json");
        assertThat(response.bodyAsString()).isEqualTo("{\"ok\":true}");
        LoggedRequest request = server.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(request.getMethod().getName()).isEqualTo("PUT");
        assertThat(request.getUrl()).isEqualTo("/_db/x/_api/y?a=b%20c&d=%2F");
        assertThat(request.getHeaders().getHeader("X-Repeat").values()).containsExactly("one", "two");
        assertThat(request.getBodyAsString()).isEqualTo("{\"k\":1}");
    }

    @Test
    void sessionsStartFromTheCallersHttpClientBuilder() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        List<String> proxied = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.ProxySelector recording = new java.net.ProxySelector() {
            @Override
            public List<java.net.Proxy> select(URI uri) {
                proxied.add(uri.toString());
                return List.of(java.net.Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, java.net.SocketAddress address, java.io.IOException e) {
            }
        };
        try (JdkTransport custom = JdkTransport.withHttpClient(TransportOptions.defaults(),
                java.net.http.HttpClient.newBuilder().proxy(recording))) {
            await(custom.openSession(host).send(new TransportRequest(HttpMethod.GET, "/via", Headers.empty(), null)));
        }
        assertThat(proxied).containsExactly(host.url() + "/via");
    }

    @Test
    void errorStatusesAndEmptyBodiesPassThroughUntouched() throws Exception {
        HttpSession session = transport.openSession(host);
        for (int status : List.of(204, 404, 503)) {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)));
            TransportResponse response = await(session.send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(), null)));
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.bodyLength()).isZero();
        }
    }

    @Test
    void sendReturnsBeforeTheAnswerArrives() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        HttpSession session = transport.openSession(host);

        CompletableFuture<TransportResponse> future = session.send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(),
                null));

        assertThat(future).isNotDone();
        assertThat(await(future).status()).isEqualTo(200);
    }

    @Test
    void aRefusedConnectionNamesTheHostAndWasSurelyNotSent() {
        server.stop();
        HttpSession session = transport.openSession(host);

        Throwable failure = failure(session.send(new TransportRequest(HttpMethod.POST, "/", Headers.empty(), new byte[1])));

        assertThat(failure).isInstanceOfSatisfying(ArangoConnectionException.class, e -> {
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.requestSent()).isFalse();
        }).hasMessage(host + ": connection refused");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
        HttpSession session = transport.openSession(host);

        long started = System.nanoTime();
        Throwable failure = failure(session.send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(), null)));

        assertThat(failure).isInstanceOfSatisfying(ArangoTimeoutException.class, e -> {
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
        }).hasMessage(host + ": no response within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    /**
     * One HttpClient, so one selector thread, serves every session: before, each session had its own
     * client, whose thread outlived the session until the client was garbage collected (on Java 17, which
     * cannot close a client), so sessions that a changing discovery answer opened and closed piled up
     * threads without bound.
     */
    @Test
    void threadsStayBoundedHoweverManySessionsOpenAndClose() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        long before = transportThreads();
        long most = before;
        try (JdkTransport shared = new JdkTransport(TransportOptions.defaults())) {
            for (int i = 0; i < 300; i++) {
                HttpSession session = shared.openSession(host);
                await(session.send(new TransportRequest(HttpMethod.GET, "/" + i, Headers.empty(), null)));
                session.close();
                if (i % 25 == 0) {
                    most = Math.max(most, transportThreads());
                }
            }
            most = Math.max(most, transportThreads());
        }
        // One selector thread, the executor's (2 on 2 cores) and the timer's.
        assertThat(most - before).as("threads of the transport at most").isLessThanOrEqualTo(
                2 + Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** java.net.http names its selector thread HttpClient-N-SelectorManager; ours start with aioarango-jdk. */
    private static long transportThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("HttpClient-") || name.startsWith("aioarango-jdk")).count();
    }

    /**
     * java.net.http ends every {@code sendAsync} with a task on {@code CompletableFuture}'s default executor, which
     * starts a new thread per task where the common pool has a parallelism of 1 (2 cores, as in CI). The session
     * takes the answer from its body reader before that: every answer comes on the transport's own threads, and
     * no thread is started per response.
     */
    @Test
    void answersComeOnTheTransportsThreadsWithoutAThreadPerResponse() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"id\":\"CRDN-1\"}")));
        HttpSession session = transport.openSession(host);
        TransportRequest request = new TransportRequest(HttpMethod.GET, "/_admin/server/id", Headers.empty(), null);
        await(session.send(request)); // the connection and the executor's threads are up
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Integer> completedOn = new java.util.concurrent.ConcurrentHashMap<>();
        String caller = Thread.currentThread().getName();

        long startedBefore = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 200; i++) {
            TransportResponse response = await(session.send(request)
                    .whenComplete((r, e) -> completedOn.merge(Thread.currentThread().getName(), 1, Integer::sum)));
            assertThat(response.bodyAsString()).isEqualTo("{\"id\":\"CRDN-1\"}");
        }
        long started = threads.getTotalStartedThreadCount() - startedBefore;

        // The caller's own thread only where an answer was complete before whenComplete was called on it.
        assertThat(completedOn.keySet()).as("threads that completed the answers").isNotEmpty()
                .allSatisfy(name -> assertThat(name.equals(caller) || name.startsWith("aioarango-jdk-")
                        || name.startsWith("HttpClient-")).as(name).isTrue())
                .anySatisfy(name -> assertThat(name).isNotEqualTo(caller));
        assertThat(started).as("threads started for 200 answers").isLessThan(50);
    }

    @Test
    void eachSessionSendsOnlyToItsOwnHost() throws Exception {
        WireMockServer other = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        other.start();
        try {
            for (WireMockServer s : List.of(server, other)) {
                s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
            }
            HttpSession first = transport.openSession(host);
            HttpSession second = transport.openSession(new Host("http", "127.0.0.1", other.port()));
            for (int i = 0; i < 5; i++) {
                await(first.send(new TransportRequest(HttpMethod.GET, "/first", Headers.empty(), null)));
                await(second.send(new TransportRequest(HttpMethod.GET, "/second", Headers.empty(), null)));
            }
            assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(5)
                    .allSatisfy(r -> assertThat(r.getUrl()).isEqualTo("/first"));
            assertThat(other.findAll(anyRequestedFor(anyUrl()))).hasSize(5)
                    .allSatisfy(r -> assertThat(r.getUrl()).isEqualTo("/second"));
        } finally {
            other.stop();
        }
    }

    @Test
    void closingFailsPendingRequestsAndRefusesNewSessions() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
        Transport longTimeouts = new JdkTransportProvider().create(TransportOptions.defaults());
        HttpSession session = longTimeouts.openSession(host);
        CompletableFuture<TransportResponse> pending = session.send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(),
                null));

        longTimeouts.close();
        longTimeouts.close();

        assertThat(failure(pending)).isInstanceOfSatisfying(ArangoConnectionException.class,
                e -> assertThat(e.requestSent()).isTrue()).hasMessageContaining("session closed");
        assertThat(failure(session.send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(), null))))
                .isInstanceOf(ArangoConnectionException.class).hasMessage(host + ": session closed");
        assertThatThrownBy(() -> longTimeouts.openSession(host)).isInstanceOf(IllegalStateException.class)
                .hasMessage("The jdk transport is closed; no session can be opened for " + host);
    }
}
