package io.aioarango.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.aioarango.core.Fixtures.await;
import static io.aioarango.core.Fixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.Cluster;
import io.aioarango.api.Database;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.ArangoResponse;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.jdk.JdkTransportProvider;
import io.aioarango.transport.tck.HostileServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Databases, raw requests, where futures complete, and closing. */
class ClientLifecycleTest {
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = Fixtures.coordinator();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("{\"error\":false,\"code\":200,\"id\":\"CRDN-1\",\"version\":\"3.12.4\"}")));
    }

    private static ArangoClient.Builder builder() {
        return ArangoClient.builder().hosts(Fixtures.url(server)).transport("jdk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1db", "_users", "a/b", "a:b", " padded", "padded ", "tab\tinside", ".", ".."})
    void namesArangoDbWouldRejectFailBeforeAnyRequest(String name) {
        try (ArangoClient client = builder().build()) {
            assertThatThrownBy(() -> client.db(name, "root", "passwd"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid database name '" + name + "': ")
                    .hasMessageEndingWith("; a database name is 1 to 128 UTF-8 bytes in Unicode NFC form, does not "
                            + "start with a digit, an underscore (except _system) or a space, does not end with a "
                            + "space, is not '.' or '..', and holds no '/', ':' or control character");
        }
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void tooLongAndUnnormalisedNames() {
        try (ArangoClient client = builder().build()) {
            assertThatThrownBy(() -> client.db("a".repeat(129), "root", "pw"))
                    .hasMessageContaining("it is longer than 128 bytes");
            assertThatThrownBy(() -> client.db("e\u0301", "root", "pw"))
                    .hasMessageContaining("it is not in Unicode NFC form");
            assertThatThrownBy(() -> client.db(null, "root", "pw"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("it is empty");
            assertThat(client.db("a".repeat(128), "root", "pw").join().name()).hasSize(128);
        }
    }

    @Test
    void extendedNamesArePercentEncodedInThePath() {
        try (ArangoClient client = builder().build()) {
            Database db = client.db("Übersicht 2026-ok", "root", "passwd").join();
            assertThat(db.name()).isEqualTo("Übersicht 2026-ok");
            await(db.cluster().serverId());
        }
        assertThat(Fixtures.onlyRequest(server).getUrl())
                .isEqualTo("/_db/%C3%9Cbersicht%202026-ok/_admin/server/id");
    }

    @Test
    void rawRequestsGoThroughTheSameRoute() {
        try (ArangoClient client = builder().build()) {
            Database db = client.db("shop", "root", "passwd").join();

            ArangoResponse response = await(db.send(ArangoRequest.builder(HttpMethod.GET, "/_api/collection")
                    .queryParam("excludeSystem", "true").queryParam("q", "a b&c").build()));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyAsString()).contains("CRDN-1");
        }
        assertThat(Fixtures.onlyRequest(server).getUrl())
                .isEqualTo("/_db/shop/_api/collection?excludeSystem=true&q=a%20b%26c");
    }

    @Test
    void aRawRequestThatFailsOnTheServerFailsTheFuture() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(409)
                .withBody("{\"error\":true,\"errorNum\":1210,\"errorMessage\":\"unique constraint violated\","
                        + "\"code\":409}")));
        try (ArangoClient client = builder().build()) {
            Database db = client.db("shop", "root", "passwd").join();
            assertThat(failure(db.send(ArangoRequest.builder(HttpMethod.POST, "/_api/document/c").jsonBody("{}")
                    .build()))).isInstanceOfSatisfying(ArangoServerException.class, e -> {
                        assertThat(e.errorNum()).isEqualTo(1210);
                        assertThat(e.method()).isEqualTo(HttpMethod.POST);
                        assertThat(e.path()).isEqualTo("/_db/shop/_api/document/c");
                    });
        }
    }

    @Test
    void verificationSucceedsWithOneVersionRequest() {
        try (ArangoClient client = builder().verifyConnection(true).build()) {
            assertThat(await(client.db("_system", "root", "passwd")).name()).isEqualTo("_system");
        }
        assertThat(Fixtures.onlyRequest(server).getUrl()).isEqualTo("/_db/_system/_api/version");
    }

    @Test
    void withoutVerificationDbSendsNothing() {
        try (ArangoClient client = builder().build()) {
            client.db("_system", "root", "passwd").join();
        }
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void futuresCompleteOnTheClientsCompletionThreadsNotOnIoThreads() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(200)
                .withBody("{\"id\":\"CRDN-1\"}")));
        AtomicReference<String> thread = new AtomicReference<>();
        try (ArangoClient client = builder().build()) {
            CompletableFuture<String> id = client.db("_system", "root", "pw").join().cluster().serverId();
            await(id.whenComplete((value, e) -> thread.set(Thread.currentThread().getName())));
        }
        assertThat(thread.get()).startsWith("aioarango-completion-");
    }

    @Test
    void aUsersCompletionExecutorIsUsedAndNeverShutDown() {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
        AtomicInteger runs = new AtomicInteger();
        try {
            try (ArangoClient client = builder().completionExecutor(task -> {
                runs.incrementAndGet();
                mine.execute(task);
            }).build()) {
                Cluster cluster = client.db("_system", "root", "pw").join().cluster();
                await(cluster.serverId());
                await(cluster.serverId());
            }
            assertThat(runs).hasValue(2);
            assertThat(mine.isShutdown()).isFalse();
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void cancellingAFutureFreesTheConnectionItHeld() {
        server.stubFor(any(urlEqualTo("/_db/_system/_admin/server/id")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(10_000).withBody("{\"id\":\"slow\"}")));
        server.stubFor(any(urlEqualTo("/_db/_system/_admin/server/role")).willReturn(aResponse().withStatus(200)
                .withBody("{\"role\":\"COORDINATOR\"}")));
        for (String transport : List.of("jdk", "netty")) {
            try (ArangoClient client = ArangoClient.builder().hosts(Fixtures.url(server)).transport(transport)
                    .transportOptions(TransportOptions.builder().maxConnectionsPerHost(1)
                            .requestTimeout(java.time.Duration.ofSeconds(30)).build()).build()) {
                Cluster cluster = client.db("_system", "root", "pw").join().cluster();
                CompletableFuture<String> slow = cluster.serverId();

                slow.cancel(true);

                // One connection, held for 10 s by the slow request unless the cancel freed it.
                long started = System.nanoTime();
                assertThat(await(cluster.serverRole())).as(transport).isEqualTo(io.aioarango.api.ServerRole.COORDINATOR);
                assertThat(System.nanoTime() - started).as(transport).isLessThan(5_000_000_000L);
            }
        }
    }

    @Test
    void closeFailsPendingRequestsAtOnceAndLaterCallsClearly() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(10_000).withBody("{}")));
        ArangoClient client = builder().build();
        Cluster cluster = client.db("_system", "root", "pw").join().cluster();
        CompletableFuture<String> pending = cluster.serverId();

        client.close();
        client.close(); // idempotent

        long started = System.nanoTime();
        assertThat(failure(pending)).isInstanceOf(ArangoConnectionException.class)
                .hasMessageContaining("session closed while the request was pending");
        assertThat(System.nanoTime() - started).as("failed at close, not after the server's 10 s")
                .isLessThan(5_000_000_000L);
        assertThat(failure(cluster.serverId())).isInstanceOf(IllegalStateException.class)
                .hasMessage("This ArangoClient is closed; build a new one to send requests");
        assertThat(failure(client.db("_system", "root", "pw"))).as("db() fails its future as every call does")
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("This ArangoClient is closed; build a new one to send requests");
    }

    @Test
    void aGracefulCloseLetsTheCallsInFlightEndAndRefusesNewOnes() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(300)
                .withBody("{\"error\":false,\"code\":200,\"id\":\"CRDN-1\"}")));
        ArangoClient client = builder().build();
        Cluster cluster = client.db("_system", "root", "pw").join().cluster();
        CompletableFuture<String> inFlight = cluster.serverId();

        CompletableFuture<Boolean> closed = client.closeGracefully(java.time.Duration.ofSeconds(20));

        assertThat(failure(cluster.serverId())).isInstanceOf(IllegalStateException.class)
                .hasMessage("This ArangoClient is closing: it finishes the calls in flight and takes no new ones; "
                        + "build a new client to send requests");
        assertThat(await(inFlight)).isEqualTo("CRDN-1");
        assertThat(closed.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("no call was left to fail").isTrue();
        assertThat(failure(cluster.serverId())).hasMessage("This ArangoClient is closed; build a new one to send requests");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aGracefulCloseFailsWhatOutlastsItsGraceAndACloseCutsItShort() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(10_000).withBody("{}")));
        ArangoClient outlasted = builder().build();
        CompletableFuture<String> pending = outlasted.db("_system", "root", "pw").join().cluster().serverId();
        assertThat(outlasted.closeGracefully(java.time.Duration.ofMillis(100)).get(20, java.util.concurrent.TimeUnit.SECONDS))
                .as("a call was left to fail").isFalse();
        assertThat(failure(pending)).isInstanceOf(ArangoConnectionException.class);

        ArangoClient cut = builder().build();
        CompletableFuture<String> stillPending = cut.db("_system", "root", "pw").join().cluster().serverId();
        CompletableFuture<Boolean> closed = cut.closeGracefully(java.time.Duration.ofMinutes(5));
        cut.close();
        assertThat(closed.get(20, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
        assertThat(failure(stillPending)).isInstanceOf(ArangoConnectionException.class);
        assertThat(cut.closeGracefully(java.time.Duration.ZERO).get(20, java.util.concurrent.TimeUnit.SECONDS))
                .as("once closed, the answer stays").isFalse();
        assertThatThrownBy(() -> cut.closeGracefully(java.time.Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("grace must be zero or positive, got PT-1S");
    }

    @Test
    void badBuilderSettingsAreNamed() {
        assertThatThrownBy(() -> TransportOptions.builder().requestTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestTimeout PT0S is not accepted; use a positive duration");
        assertThatThrownBy(() -> ArangoClient.builder().transport(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Transport name ' ' is blank; use e.g. \"jdk\" or \"netty\"");
        assertThatThrownBy(() -> ArangoClient.builder().hosts(Fixtures.url(server)).transport("okhttp").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Transport 'okhttp' (set on the builder) is not on the class path; found: "
                        + "[netty, jdk]. The SDK's own transports are jdk (io.aioarango:transport-jdk) and netty")
                .hasMessageNotContaining("transport-okhttp");
        assertThatThrownBy(() -> ArangoClient.builder().maxCoordinators(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCoordinators 0 is not accepted; use 1 to 1024");
        assertThatThrownBy(() -> ArangoClient.builder().hosts("http://a:1,http://b:1,http://c:1").maxCoordinators(2)
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 coordinators given, more than maxCoordinators 2; give fewer hosts or raise "
                        + "maxCoordinators(...)");
    }

    /** The builder's header limit reaches the transport it creates, on both transports alike. */
    @ParameterizedTest
    @ValueSource(strings = {"jdk", "netty"})
    void theHeaderLimitOfTheBuilderApplies(String transport) throws Exception {
        String bigHeader = "X-Big: " + "b".repeat(2000) + "\r\n";
        try (HostileServer coordinator = HostileServer.start(exchange -> exchange.send("HTTP/1.1 200 OK\r\n"
                + bigHeader + "Content-Length: 13\r\n\r\n{\"id\":\"CRDN\"}"));
                ArangoClient client = ArangoClient.builder().hosts(coordinator.host().url()).transport(transport)
                        .transportOptions(TransportOptions.builder().maxResponseHeaderBytes(1024).build()).build()) {
            Throwable failure = failure(client.db("_system", "root", "pw").join().cluster().serverId());

            assertThat(failure).isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                assertThat(e.limit()).isEqualTo(1024);
                assertThat(e.limitName()).isEqualTo("maxResponseHeaderBytes");
            }).hasMessageContaining("response headers larger than the limit of 1024 bytes");
        }
        assertThatThrownBy(() -> TransportOptions.builder().maxResponseHeaderBytes(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxResponseHeaderBytes 10 is out of range; use 1024 to 1048576");
    }

    /** Settings made on the builder do not reach a transport the user built: the client says so, once. */
    @Test
    void aTransportInstanceIgnoringTheBuildersSettingsIsLoggedOnce() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ArangoClient.class.getName());
        logger.addHandler(recorder);
        try (Transport mine = new JdkTransportProvider().create(TransportOptions.defaults())) {
            ArangoClient.builder().hosts(Fixtures.url(server)).transport(mine).build().close();
            assertThat(records).as("nothing set on the builder: nothing to say").isEmpty();

            ArangoClient.builder().hosts(Fixtures.url(server)).transport(mine)
                    .transportOptions(TransportOptions.builder().requestTimeout(java.time.Duration.ofSeconds(5))
                            .maxConnectionsPerHost(4).build()).build().close();

            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).isEqualTo("The transport passed to the client (jdk) keeps its own "
                        + "settings: the transportOptions set on the client builder do not apply to it; set them on "
                        + "the TransportOptions the transport was built with");
            });
        } finally {
            logger.removeHandler(recorder);
        }
    }

    @Test
    void describesItself() {
        try (ArangoClient client = builder().build()) {
            assertThat(client.transportName()).isEqualTo("jdk");
            assertThat(client.hosts()).containsExactly(Fixtures.url(server));
            assertThat(client).hasToString("ArangoClient[" + Fixtures.url(server) + "] over jdk");
        }
    }
}
