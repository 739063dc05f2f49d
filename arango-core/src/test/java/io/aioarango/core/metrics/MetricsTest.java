package io.aioarango.core.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.aioarango.core.ArangoMetrics.BYTES_RECEIVED;
import static io.aioarango.core.ArangoMetrics.BYTES_SENT;
import static io.aioarango.core.ArangoMetrics.CONNECTIONS;
import static io.aioarango.core.ArangoMetrics.FAILOVERS;
import static io.aioarango.core.ArangoMetrics.HOST_UP;
import static io.aioarango.core.ArangoMetrics.REQUESTS;
import static io.aioarango.core.ArangoMetrics.REQUESTS_ACTIVE;
import static io.aioarango.core.ArangoMetrics.SERVER_QUEUE_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static io.aioarango.transport.tck.Waiting.eventually;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Cluster;
import io.aioarango.api.Credentials;
import io.aioarango.api.Database;
import io.aioarango.api.HttpMethod;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.Hedging;
import io.aioarango.core.testing.ThreeCoordinatorTest;
import io.aioarango.testkit.FakeCoordinator;
import io.aioarango.transport.tck.HostileServer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The metrics catalogue, recorded per coordinator. Runs once per transport (see the subclasses). The
 * coordinators are arango-testkit's; a test that needs an answer the testkit does not give (an endpoint
 * list other than the cluster's own, a slow answer on one path, a non-zero queue time) uses a WireMock
 * coordinator for it.
 */
abstract class MetricsTest extends ThreeCoordinatorTest {
    /** A raw POST the fake cluster answers with 200: computing a rebalance plan. */
    private static final String RAW_PATH = "/_admin/cluster/rebalance";
    private static final String RAW_BODY = "{\"moveLeaders\":true}";
    private static final String ENDPOINTS_PATH = "/_db/_system/_api/cluster/endpoints";

    /** Whether the transport reports its connection pool. */
    protected abstract boolean pools();

    private ArangoClient.Builder builder(MeterRegistry registry) {
        // Round robin without hedges or ejections: these tests count what each coordinator got.
        return ArangoClient.builder().hosts(fakeCluster.hosts()).hostResolver("roundrobin").hedging(Hedging.off())
                .ejectAfterSlowAttempts(0)
                .transport(transport()).meterRegistry(registry)
                .hostBackoff(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    /** The {@code host} tag of a coordinator's meters. */
    private static String tag(FakeCoordinator coordinator) {
        return host(coordinator).authority();
    }

    private static String tag(WireMockServer coordinator) {
        return host(coordinator).authority();
    }

    private static double gauge(MeterRegistry registry, String name, FakeCoordinator coordinator) {
        return registry.get(name).tag("host", tag(coordinator)).gauge().value();
    }

    private static double gauge(MeterRegistry registry, String name, WireMockServer coordinator) {
        return registry.get(name).tag("host", tag(coordinator)).gauge().value();
    }

    @Test
    void perHostRequestCountsEqualWhatEachCoordinatorReceived() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Database db = client(builder(registry)).db("_system", "root", "passwd").join();
        for (int i = 0; i < 30; i++) {
            await(db.cluster().serverId());
        }
        for (int i = 0; i < 6; i++) {
            assertThat(await(db.send(ArangoRequest.builder(HttpMethod.POST, RAW_PATH).jsonBody(RAW_BODY).build()))
                    .status()).isEqualTo(200);
        }

        for (FakeCoordinator coordinator : coordinators) {
            long counted = registry.get(REQUESTS).tag("host", tag(coordinator)).timers().stream()
                    .mapToLong(Timer::count).sum();
            assertThat(counted).as("attempts counted for %s", coordinator.url()).isEqualTo(coordinator.requestCount())
                    .isEqualTo(12);
            Timer ids = registry.get(REQUESTS).tags("host", tag(coordinator), "operation", "cluster.serverId",
                    "method", "GET", "status", "200", "outcome", "SUCCESS").timer();
            assertThat(ids.count()).isEqualTo(10);
            assertThat(registry.get(REQUESTS).tags("host", tag(coordinator), "operation", "raw", "method", "POST")
                    .timer().count()).isEqualTo(2);
            assertThat(registry.get(BYTES_SENT).tag("host", tag(coordinator)).counter().count())
                    .isEqualTo(2 * RAW_BODY.length());
            assertThat(registry.get(BYTES_RECEIVED).tag("host", tag(coordinator)).counter().count()).isPositive();
            // The testkit's coordinators send x-arango-queue-time-seconds: 0.000000 with every answer; the
            // value itself is checked in theServerQueueTimeOfEachAnswerIsRecordedForItsCoordinator.
            DistributionSummary queueTime = registry.get(SERVER_QUEUE_TIME).tag("host", tag(coordinator)).summary();
            assertThat(queueTime.count()).as("one queue time per answer").isEqualTo(12);
            assertThat(queueTime.totalAmount()).isZero();
            assertThat(gauge(registry, REQUESTS_ACTIVE, coordinator)).isZero();
            assertThat(gauge(registry, HOST_UP, coordinator)).isEqualTo(1);
            assertThat(registry.find(CONNECTIONS).tag("host", tag(coordinator)).gauges()).hasSize(pools() ? 3 : 0);
        }
    }

    /** Each coordinator's queue time, as its answers name it: two WireMock coordinators, one busier. */
    @Test
    void theServerQueueTimeOfEachAnswerIsRecordedForItsCoordinator() {
        WireMockServer quiet = wireMockCoordinator("CRDN-quiet", "0.002500");
        WireMockServer busy = wireMockCoordinator("CRDN-busy", "0.125000");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Cluster cluster = client(ArangoClient.builder().hosts(url(quiet), url(busy)).transport(transport())
                .hostResolver("roundrobin").hedging(Hedging.off()).meterRegistry(registry)).db("_system", "root", "passwd").join().cluster();
        for (int i = 0; i < 10; i++) {
            await(cluster.serverId());
        }

        DistributionSummary quietTime = registry.get(SERVER_QUEUE_TIME).tag("host", tag(quiet)).summary();
        DistributionSummary busyTime = registry.get(SERVER_QUEUE_TIME).tag("host", tag(busy)).summary();
        assertThat(quietTime.count()).isEqualTo(5);
        assertThat(quietTime.mean()).isCloseTo(0.0025, Offset.offset(1e-9));
        assertThat(busyTime.count()).isEqualTo(5);
        assertThat(busyTime.mean()).isCloseTo(0.125, Offset.offset(1e-9));
    }

    @Test
    void failoversAndHostUpFollowAStoppedCoordinator() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Cluster cluster = client(builder(registry)).db("_system", "root", "passwd").join().cluster();
        FakeCoordinator bouncing = coordinators.get(1);
        bouncing.stop();
        for (int i = 0; i < 9; i++) {
            await(cluster.serverId());
        }

        assertThat(gauge(registry, HOST_UP, bouncing)).isZero();
        assertThat(gauge(registry, HOST_UP, coordinators.get(0))).isEqualTo(1);
        assertThat(registry.get(FAILOVERS).tags("host", tag(bouncing), "reason", "connect").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get(REQUESTS).tags("host", tag(bouncing), "status", "IO_ERROR", "outcome", "UNKNOWN")
                .timer().count()).isGreaterThanOrEqualTo(1);

        bouncing.start();
        // Once its back-off has passed, the next request for it probes it and brings it back up.
        eventually("the restarted coordinator is up again", () -> {
            await(cluster.serverId());
            return gauge(registry, HOST_UP, bouncing) == 1;
        });
        assertThat(gauge(registry, HOST_UP, bouncing)).isEqualTo(1);
    }

    @Test
    void aPrometheusScrapeHasTheDocumentedNamesAndTags() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FakeCoordinator unavailable = coordinators.get(0);
        Cluster cluster = client(builder(registry).hostResolver(candidates -> candidates.get(0)))
                .db("_system", "root", "passwd").join().cluster();
        await(cluster.serverId());
        unavailable.failWith(503, 503); // starting up: the health call goes on to the next coordinator
        await(cluster.health());

        String scrape = registry.scrape();

        String host = "host=\"" + tag(unavailable) + "\"";
        assertThat(scrape)
                .contains("arango_client_requests_seconds_count{" + host + ",method=\"GET\",operation="
                        + "\"cluster.serverId\",outcome=\"SUCCESS\",protocol=\"http1\",status=\"200\"} 1")
                .contains("arango_client_requests_seconds_count{" + host + ",method=\"GET\",operation="
                        + "\"cluster.health\",outcome=\"SERVER_ERROR\",protocol=\"http1\",status=\"503\"} 1")
                .contains("arango_client_failovers_total{" + host + ",reason=\"unavailable\"} 1")
                .contains("arango_client_host_up{" + host + "} 1")
                .contains("arango_client_requests_active{" + host + "} 0")
                .contains("arango_client_server_queue_time_seconds_count{" + host + "}")
                .contains("arango_client_bytes_received_bytes_total{" + host + "}")
                .doesNotContain("passwd").doesNotContain("/_db/");
        if (pools()) {
            assertThat(scrape).contains("arango_client_connections{" + host + ",protocol=\"http1\",state=\"idle\"}")
                    .contains("arango_client_streams{" + host + ",protocol=\"http1\"}");
        }
    }

    /** The seed is WireMock: its endpoint list names another coordinator only, which the testkit's never do. */
    @Test
    void theMetersOfARemovedCoordinatorAreRemoved() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WireMockServer seed = wireMockCoordinator("CRDN-seed", "0.000000");
        FakeCoordinator other = coordinators.get(1);
        answerEndpoints(seed, other);
        ArangoClient client = client(ArangoClient.builder().hosts(url(seed)).transport(transport())
                .meterRegistry(registry));
        await(client.db("_system", "root", "passwd").join().cluster().serverId());
        assertThat(registry.find(REQUESTS).tag("host", tag(seed)).meters()).isNotEmpty();
        client.close();

        ArangoClient discovering = client(ArangoClient.builder().hosts(url(seed)).transport(transport())
                .meterRegistry(registry).endpointDiscovery(Duration.ofMillis(50), Credentials.of("root", "pw")));
        awaitHosts(discovering, List.of(other.url()));

        assertThat(discovering.hosts()).containsExactly(other.url());
        List<Meter> left = registry.getMeters().stream()
                .filter(meter -> tag(seed).equals(meter.getId().getTag("host"))).toList();
        assertThat(left).as("meters of the removed coordinator").isEmpty();
        assertThat(registry.find(HOST_UP).tag("host", tag(other)).gauge()).isNotNull();
    }

    @Test
    void closingTheClientTakesItsMetersOutOfTheRegistry() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // Answers serverCount, and holds serverId until the client lets go: no server-side delay to wait out.
        try (HostileServer coordinator = HostileServer.start(exchange -> {
            if (exchange.requestLine().contains("/_admin/server/id")) {
                exchange.stall();
            } else {
                exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 26\r\n\r\n{\"numberOfCoordinators\":1}");
            }
        })) {
            ArangoClient client = ArangoClient.builder().hosts(coordinator.host().url()).transport(transport())
                    .meterRegistry(registry).build();
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
            assertThat(await(cluster.serverCount()).numberOfCoordinators()).isEqualTo(1); // meters exist
            CompletableFuture<String> pending = cluster.serverId();                     // and one in flight
            assertThat(registry.getMeters()).isNotEmpty();

            client.close();
            completions.track(pending).handle((id, failure) -> null).join();

            assertThat(registry.getMeters()).as("meters after close, the pending request failed by it").isEmpty();
        }
    }

    /**
     * The seed is WireMock: it is slow on one path only, and its endpoint list changes to name another
     * coordinator only, neither of which the testkit's coordinators do.
     */
    @Test
    void aRequestEndingAfterItsCoordinatorWasRemovedBringsNoMeterBack() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WireMockServer seed = wireMockCoordinator("CRDN-seed", "0.000000");
        FakeCoordinator other = coordinators.get(1);
        seed.stubFor(any(urlEqualTo("/_db/_system/_admin/server/id")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(1_500).withBody("{\"id\":\"slow\"}")));
        answerEndpoints(seed, seed.port());
        ArangoClient client = client(ArangoClient.builder().hosts(url(seed)).transport(transport())
                .meterRegistry(registry).endpointDiscovery(Duration.ofMillis(50), Credentials.of("root", "pw")));
        CompletableFuture<String> slow = client.db("_system", "root", "passwd").join().cluster().serverId();
        assertThat(gauge(registry, REQUESTS_ACTIVE, seed)).as("the slow request is in flight on the seed").isPositive();

        answerEndpoints(seed, other);
        awaitHosts(client, List.of(other.url()));
        assertThat(client.hosts()).containsExactly(other.url());
        assertThat(await(slow)).isEqualTo("slow"); // the removed seed finished what it had

        assertThat(registry.getMeters().stream().filter(meter -> tag(seed).equals(meter.getId().getTag("host"))))
                .as("meters of the removed coordinator").isEmpty();
    }

    /** A WireMock coordinator answering every request with {@code {"id": id}} and the given queue time. */
    private WireMockServer wireMockCoordinator(String id, String queueTimeSeconds) {
        WireMockServer server = wireMock();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("x-arango-queue-time-seconds", queueTimeSeconds)
                .withBody("{\"error\":false,\"code\":200,\"id\":\"" + id + "\"}")));
        return server;
    }

    private static void answerEndpoints(WireMockServer at, FakeCoordinator endpoint) {
        answerEndpoints(at, endpoint.port());
    }

    private static void answerEndpoints(WireMockServer at, int endpointPort) {
        at.stubFor(any(urlEqualTo(ENDPOINTS_PATH)).willReturn(aResponse()
                .withStatus(200).withBody("{\"endpoints\":[{\"endpoint\":\"tcp://127.0.0.1:"
                        + endpointPort + "\"}]}")));
    }

    private static void awaitHosts(ArangoClient client, List<String> expected) {
        eventually(() -> "hosts " + expected + ", got " + client.hosts(), () -> client.hosts().equals(expected));
    }

    @Test
    void eachLogicalCallIsOneObservation() {
        List<Observation.Context> stopped = Collections.synchronizedList(new ArrayList<>());
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        coordinators.get(0).stop(); // a failover inside one call is still one observation
        Cluster cluster = client(builder(new SimpleMeterRegistry()).observationRegistry(observations)
                .hostResolver(candidates -> candidates.get(0))).db("_system", "root", "passwd").join().cluster();

        await(cluster.serverId());

        assertThat(stopped).singleElement().satisfies(context -> {
            assertThat(context.getName()).isEqualTo("arango.client.call");
            assertThat(context.getLowCardinalityKeyValue("operation").getValue()).isEqualTo("cluster.serverId");
            assertThat(context.getLowCardinalityKeyValue("method").getValue()).isEqualTo("GET");
            assertThat(context.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("SUCCESS");
            assertThat(context.getError()).isNull();
        });
    }
}
