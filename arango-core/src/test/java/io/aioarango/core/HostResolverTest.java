package io.aioarango.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.aioarango.core.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.Cluster;
import io.aioarango.api.Host;
import io.aioarango.core.Hedging;
import io.aioarango.api.HostResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How requests spread over three coordinators. */
class HostResolverTest {
    private static final String ID_PATH = "/_db/_system/_admin/server/id";
    private static final List<WireMockServer> coordinators = new ArrayList<>();

    @BeforeAll
    static void start() {
        for (int i = 0; i < 3; i++) {
            WireMockServer server = Fixtures.coordinator();
            server.stubFor(get(urlEqualTo(ID_PATH)).willReturn(aResponse().withStatus(200)
                    .withBody("{\"error\":false,\"code\":200,\"id\":\"CRDN-" + i + "\"}")));
            coordinators.add(server);
        }
    }

    @AfterAll
    static void stop() {
        coordinators.forEach(WireMockServer::stop);
    }

    @BeforeEach
    void reset() {
        coordinators.forEach(WireMockServer::resetRequests);
    }

    private static ArangoClient.Builder clientOverAllThree() {
        // Hedging off: these tests count the first attempts each coordinator gets, and a hedge is one more.
        // Ejection off: on a loaded machine one WireMock coordinator can answer 5 requests in a row in over
        // 100 ms while another is quick, and an ejected coordinator gets no share (GrayFailureTest covers it).
        return ArangoClient.builder().hosts(coordinators.stream().map(Fixtures::url).toList()).transport("jdk")
                .hedging(Hedging.off()).ejectAfterSlowAttempts(0);
    }

    private static List<Integer> received() {
        return coordinators.stream().map(s -> s.findAll(getRequestedFor(urlEqualTo(ID_PATH))).size()).toList();
    }

    /** Sends {@code count} requests, at most 32 at a time, and returns the ids that answered. */
    private static List<String> send(Cluster cluster, int count) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<String>> window = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            window.add(cluster.serverId().whenComplete((id, e) -> ids.add(id)));
            if (window.size() == 32) {
                window.forEach(Fixtures::await);
                window.clear();
            }
        }
        window.forEach(Fixtures::await);
        return ids;
    }

    @Test
    void roundRobinGivesEachCoordinatorExactlyAThird() {
        try (ArangoClient client = clientOverAllThree().hostResolver("roundrobin").build()) {
            send(client.db("_system", "root", "passwd").join().cluster(), 300);
        }
        assertThat(received()).containsExactly(100, 100, 100);
    }

    @Test
    void roundRobinByNameInAnyCase() {
        try (ArangoClient client = clientOverAllThree().hostResolver("RoundRobin").build()) {
            send(client.db("_system", "root", "passwd").join().cluster(), 30);
        }
        assertThat(received()).containsExactly(10, 10, 10);
    }

    @Test
    void randomGivesEachCoordinatorAFairShare() {
        try (ArangoClient client = clientOverAllThree().hostResolver("random").build()) {
            send(client.db("_system", "root", "passwd").join().cluster(), 3000);
        }
        // A fair share is 1,000; the bounds are over 7 standard deviations away.
        assertThat(received()).hasSize(3).allSatisfy(n -> assertThat(n).isBetween(750, 1260));
        assertThat(received().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3000);
    }

    @Test
    void aCustomResolverIsUsedAsGiven() {
        List<List<Host>> offered = Collections.synchronizedList(new ArrayList<>());
        HostResolver last = candidates -> {
            offered.add(candidates);
            return candidates.get(candidates.size() - 1);
        };
        try (ArangoClient client = clientOverAllThree().hostResolver(last).build()) {
            assertThat(send(client.db("_system", "root", "passwd").join().cluster(), 20)).containsOnly("CRDN-2");
            assertThat(offered).hasSize(20).allSatisfy(candidates -> assertThat(candidates).extracting(Host::url)
                    .containsExactlyElementsOf(client.hosts()));
        }
        assertThat(received()).containsExactly(0, 0, 20);
    }

    @Test
    void aResolverThatReturnsAStrangerFailsTheRequestClearly() {
        Host stranger = new Host("http", "elsewhere", 8529);
        try (ArangoClient client = clientOverAllThree().hostResolver(candidates -> stranger).build()) {
            assertThatThrownBy(() -> await(client.db("_system", "root", "passwd").join().cluster().serverId()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("returned http://elsewhere:8529, which is not one of the candidates");
        }
        assertThat(received()).containsExactly(0, 0, 0);
    }

    @Test
    void anUnknownResolverNameListsTheKnownOnes() {
        assertThatThrownBy(() -> ArangoClient.builder().hostResolver("fastest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown host resolver 'fastest'; known names: leastloaded, roundrobin, random (or pass your own "
                        + "HostResolver)");
    }
}
