package io.aioarango.core.grayfailure;

import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoRequest;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Cluster;
import io.aioarango.api.Database;
import io.aioarango.api.HttpMethod;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoMetrics;
import io.aioarango.core.Hedging;
import io.aioarango.core.testing.ThreeCoordinatorTest;
import io.aioarango.testkit.FakeCoordinator;
import io.aioarango.testkit.RecordedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Coordinators that go silent rather than fail loudly: frozen ({@link FakeCoordinator#freeze()}, as a
 * stopped process), black-holed ({@link FakeCoordinator#blackhole()}, as a host gone without a reset: its
 * connections silent, new connects unanswered), or holding every answer back ({@code delay}). Runs once
 * per transport (see the subclasses), at the client's defaults unless a test says otherwise.
 */
abstract class GrayFailureTest extends ThreeCoordinatorTest {
    private static final String ID_PATH = "/_db/_system/_admin/server/id";
    private static final String AVAILABILITY_PATH = "/_admin/server/availability";
    /** Longer than any test: the silent coordinator never answers within one. */
    private static final Duration SILENT = Duration.ofMinutes(5);

    protected final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ArangoClient.Builder builder() {
        return ArangoClient.builder().hosts(fakeCluster.hosts()).transport(transport()).meterRegistry(registry)
                .hostBackoff(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    private static TransportOptions timeout(Duration request) {
        return TransportOptions.builder().requestTimeout(request).build();
    }

    private Database db(ArangoClient.Builder builder) {
        return client(builder).db("_system", "root", "passwd").join();
    }

    /** Enough answers for the client to know how long serverId() usually takes. */
    private void warmUp(Cluster cluster) {
        for (int i = 0; i < 60; i++) {
            await(cluster.serverId());
        }
    }

    /** {@code count} serverId() calls, {@code window} in flight at a time; every one must succeed. */
    private List<String> serverIds(Cluster cluster, int count, int window) {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<String>> inFlight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.add(completions.track(cluster.serverId()));
            if (inFlight.size() == window) {
                inFlight.forEach(f -> ids.add(await(f)));
                inFlight.clear();
            }
        }
        inFlight.forEach(f -> ids.add(await(f)));
        return ids;
    }

    /**
     * serverId() calls, 4 in flight, until {@code silent} is ejected: the least-loaded resolver sends it
     * fewer and fewer requests, so how many it takes to see five slow ones in a row varies. No more than 4
     * in flight, so that about 5 + 3 requests reach the silent coordinator before it is ejected, each saved
     * by a hedge within the hedge budget's burst of 10. With 16 in flight a loaded machine once put more
     * there than the budget allowed, and a request whose hedge is refused waits out the 60 s request timeout
     * on the silent coordinator, longer than {@code await} waits.
     */
    private List<String> loadUntilEjected(Cluster cluster, FakeCoordinator silent) {
        List<String> ids = new ArrayList<>();
        eventually("the silent coordinator is ejected", () -> {
            ids.addAll(serverIds(cluster, 32, 4));
            return hostUp(silent) == 0;
        });
        return ids;
    }

    /** Warms the client up, silences {@code silent} and loads the cluster until it is ejected. */
    private List<String> silenceUntilEjected(Cluster cluster, Silence silence, FakeCoordinator silent) {
        warmUp(cluster);
        silence.apply.accept(silent);
        return loadUntilEjected(cluster, silent);
    }

    private double hostUp(FakeCoordinator coordinator) {
        return registry.get(ArangoMetrics.HOST_UP).tag("host", "127.0.0.1:" + coordinator.port()).gauge().value();
    }

    private double counted(String name, FakeCoordinator coordinator) {
        return registry.find(name).tag("host", "127.0.0.1:" + coordinator.port()).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static long idRequests(FakeCoordinator coordinator) {
        return coordinator.requests().stream().filter(r -> r.path().equals(ID_PATH)).count();
    }

    /** The ways a coordinator goes silent. */
    enum Silence {
        FROZEN(FakeCoordinator::freeze),
        BLACKHOLED(FakeCoordinator::blackhole),
        DELAYED(coordinator -> coordinator.delay(SILENT));

        final java.util.function.Consumer<FakeCoordinator> apply;

        Silence(java.util.function.Consumer<FakeCoordinator> apply) {
            this.apply = apply;
        }
    }

    @ParameterizedTest
    @EnumSource(Silence.class)
    void readsCaughtOnASilentCoordinatorAreHedgedAndItIsEjected(Silence silence) {
        Cluster cluster = db(builder()).cluster();
        FakeCoordinator silent = coordinators.get(1);

        // Every call succeeds, those the silent coordinator got rescued by their hedges.
        List<String> ids = silenceUntilEjected(cluster, silence, silent);
        assertThat(ids).isNotEmpty().doesNotContain(silent.serverId());

        assertThat(counted(ArangoMetrics.EJECTIONS, silent)).isEqualTo(1);
        assertThat(hostUp(silent)).isZero();
        assertThat(registry.get(ArangoMetrics.HEDGES).tags("host", "127.0.0.1:" + silent.port(), "result", "won")
                .counter().count()).isPositive();
        // Ejected: no user request goes there any more.
        long before = idRequests(silent);
        serverIds(cluster, 100, 16);
        assertThat(idRequests(silent)).isEqualTo(before);
        assertThat(hostUp(coordinators.get(0)) + hostUp(coordinators.get(2))).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Silence.class)
    void anEjectedCoordinatorIsProbedInTheBackgroundWithoutCredentialsAndComesBack(Silence silence) {
        Cluster cluster = db(builder()).cluster();
        FakeCoordinator silent = coordinators.get(2);
        silenceUntilEjected(cluster, silence, silent);

        silent.heal();
        // No user request is sent meanwhile: the client's own probe brings it back.
        eventually("the healed coordinator is back", () -> hostUp(silent) == 1);
        List<RecordedRequest> probes = silent.requests().stream().filter(r -> r.path().equals(AVAILABILITY_PATH))
                .toList();
        assertThat(probes).isNotEmpty().allSatisfy(probe -> {
            assertThat(probe.method()).isEqualTo("GET");
            assertThat(probe.user()).as("a probe carries no credentials").isNull();
        });
        long before = idRequests(silent);
        serverIds(cluster, 60, 4);
        assertThat(idRequests(silent)).as("requests go there again").isGreaterThan(before);
    }

    @ParameterizedTest
    @EnumSource(value = Silence.class, names = {"FROZEN", "BLACKHOLED"})
    void aPostIsNeverHedgedAndNoNewPostGoesToAnEjectedCoordinator(Silence silence) {
        Database db = db(builder().transportOptions(timeout(Duration.ofSeconds(2))));
        FakeCoordinator silent = coordinators.get(0);
        silenceUntilEjected(db.cluster(), silence, silent);
        silent.clearRequests();

        for (int i = 0; i < 20; i++) {
            assertThat(await(db.send(ArangoRequest.builder(HttpMethod.POST, "/_admin/cluster/rebalance")
                    .jsonBody("{\"version\":1}").build())).status()).isEqualTo(200);
        }
        assertThat(silent.requests()).filteredOn(r -> r.method().equals("POST")).isEmpty();
    }

    @Test
    void aPostInFlightOnASilentCoordinatorFailsWithATimeoutAndIsSentNowhereElse() {
        Database db = db(builder().hostResolver(candidates -> candidates.get(0)).transportOptions(timeout(Duration.ofMillis(1500))));
        warmUp(db.cluster());
        coordinators.get(0).freeze();
        coordinators.forEach(FakeCoordinator::clearRequests);

        Throwable failure = failure(db.send(ArangoRequest.builder(HttpMethod.POST, "/_admin/cluster/rebalance")
                .jsonBody("{\"version\":1}").build()));
        assertThat(failure).isInstanceOf(ArangoTimeoutException.class);
        // A frozen process reads nothing: the POST shows in its log once it thaws.
        coordinators.get(0).heal();
        eventually("the thawed coordinator read the POST", () -> coordinators.get(0).requestCount() == 1);
        assertThat(coordinators.get(0).requests()).singleElement()
                .satisfies(post -> assertThat(post.method()).isEqualTo("POST"));
        assertThat(coordinators.get(1).requests()).isEmpty();
        assertThat(coordinators.get(2).requests()).isEmpty();
    }

    @Test
    void ejectionNeverTakesTheLastCoordinatorUp() {
        // A client of two coordinators: one may be ejected, never both.
        Cluster cluster = db(builder().hosts(coordinators.get(0).url(), coordinators.get(1).url())
                .transportOptions(timeout(Duration.ofSeconds(2)))).cluster();
        warmUp(cluster);
        coordinators.get(0).freeze();
        loadUntilEjected(cluster, coordinators.get(0));

        // The last one goes silent too: its requests time out, one slow attempt after another, yet it stays.
        coordinators.get(1).freeze();
        List<CompletableFuture<String>> stuck = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stuck.add(completions.track(cluster.serverId()));
        }
        stuck.forEach(f -> assertThat(failure(f)).isInstanceOf(ArangoTimeoutException.class));
        assertThat(hostUp(coordinators.get(1))).as("the last coordinator up stays up").isEqualTo(1);
        assertThat(counted(ArangoMetrics.EJECTIONS, coordinators.get(1))).isZero();

        coordinators.get(1).heal();
        assertThat(await(cluster.serverId())).isEqualTo(coordinators.get(1).serverId());
    }

    @Test
    void noMoreThanAThirdOfTheCoordinatorsAreEjectedAtOnce() {
        Cluster cluster = db(builder().transportOptions(timeout(Duration.ofSeconds(2)))).cluster();
        warmUp(cluster);
        // Both frozen (a black-holed one would be marked down when a connect times out: unreachable, not ejected).
        coordinators.get(0).freeze();
        coordinators.get(1).freeze();
        // A read hedged from one silent coordinator to the other may time out: one hedge goes out, no more.
        List<CompletableFuture<String>> calls = new ArrayList<>();
        eventually("a silent coordinator is ejected", () -> {
            for (int i = 0; i < 32; i++) {
                calls.add(completions.track(cluster.serverId()));
            }
            calls.forEach(call -> call.handle((id, e) -> id).join());
            return hostUp(coordinators.get(0)) + hostUp(coordinators.get(1)) == 1;
        });
        for (int i = 0; i < 100; i++) {
            completions.track(cluster.serverId()).handle((id, e) -> id).join();
        }
        assertThat(hostUp(coordinators.get(0)) + hostUp(coordinators.get(1))).as("one of the two is still up")
                .isEqualTo(1);
        assertThat(counted(ArangoMetrics.EJECTIONS, coordinators.get(0)) + counted(ArangoMetrics.EJECTIONS,
                coordinators.get(1))).isEqualTo(1);
        assertThat(hostUp(coordinators.get(2))).isEqualTo(1);
    }

    @Test
    void hedgesAndTheirCancelledLosersLeaveEveryConnectionUsable() {
        // Every answer takes 10 ms and a hedge goes out after 1 ms: every request the hedge budget allows is
        // sent twice, and the loser of each pair is cancelled while its coordinator still holds it.
        coordinators.forEach(coordinator -> coordinator.delay(Duration.ofMillis(10)));
        Cluster cluster = db(builder().hedging(Hedging.after(Duration.ofMillis(1))).transportOptions(timeout(Duration.ofSeconds(5))))
                .cluster();
        List<String> ids = serverIds(cluster, 2000, 16);
        assertThat(ids).hasSize(2000).allMatch(id -> id.startsWith("CRDN-"));
        double hedges = registry.find(ArangoMetrics.HEDGES).counters().stream().mapToDouble(Counter::count).sum();
        assertThat(hedges).as("at least the budget's burst of hedges went out").isGreaterThanOrEqualTo(10);

        // The connections those cancellations left behind serve every request after them.
        coordinators.forEach(coordinator -> coordinator.delay(Duration.ZERO));
        assertThat(serverIds(cluster, 200, 16)).hasSize(200).allMatch(id -> id.startsWith("CRDN-"));
    }

    @Test
    void withHedgingOffAReadWaitsForItsCoordinator() {
        Cluster cluster = db(builder().hedging(Hedging.off()).hostResolver("roundrobin")
                .transportOptions(timeout(Duration.ofMillis(1500)))).cluster();
        warmUp(cluster);
        coordinators.get(0).freeze();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                cluster.serverId().get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        assertThat(failures).hasSize(1).allSatisfy(f -> assertThat(f).isInstanceOf(ArangoTimeoutException.class));
        assertThat(registry.find(ArangoMetrics.HEDGES).counters()).isEmpty();
    }

}
