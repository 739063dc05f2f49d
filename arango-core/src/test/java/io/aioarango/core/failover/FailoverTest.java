package io.aioarango.core.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static io.aioarango.transport.tck.Waiting.eventually;

import com.github.tomakehurst.wiremock.http.Fault;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.ArangoServerException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Cluster;
import io.aioarango.api.Credentials;
import io.aioarango.api.Database;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.api.spi.HttpSession;
import io.aioarango.api.spi.Transport;
import io.aioarango.api.spi.TransportOptions;
import io.aioarango.api.spi.TransportProvider;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.HostResolvers;
import io.aioarango.core.testing.FakeCoordinator;
import io.aioarango.core.testing.ThreeCoordinatorTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Failover and host health against coordinators that stop, restart, refuse, reset and redirect. Runs
 * once per transport (see the subclasses).
 */
abstract class FailoverTest extends ThreeCoordinatorTest {
    private static final String ID_PATH = "/_db/_system/_admin/server/id";

    protected ArangoClient.Builder builder(FakeCoordinator... chosen) {
        List<FakeCoordinator> hosts = chosen.length == 0 ? coordinators : List.of(chosen);
        return ArangoClient.builder().hosts(hosts.stream().map(FakeCoordinator::url).toList()).transport(transport())
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5));
    }

    protected Database db(ArangoClient.Builder builder) {
        return client(builder).db("_system", "root", "passwd").join();
    }

    protected <T> T await(CompletableFuture<T> future) {
        try {
            return completions.track(future).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

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

    /** Round robin that records what it was offered and what it picked. */
    static final class Recording implements HostResolver {
        final HostResolver delegate;
        final List<List<Host>> offered = Collections.synchronizedList(new ArrayList<>());
        final List<Host> picked = Collections.synchronizedList(new ArrayList<>());

        Recording(HostResolver delegate) {
            this.delegate = delegate;
        }

        @Override
        public Host select(List<Host> candidates) {
            offered.add(candidates);
            Host host = delegate.select(candidates);
            picked.add(host);
            return host;
        }
    }

    /** Always the first candidate, so that a test knows which coordinator is asked first. */
    static final HostResolver FIRST = candidates -> candidates.get(0);

    private static String contract(String file) {
        try (InputStream in = FailoverTest.class.getResourceAsStream("/contract/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStoppedCoordinatorIsLeftOutAndEveryRequestSucceeds() {
        Recording resolver = new Recording(HostResolvers.roundRobin());
        Cluster cluster = db(builder().hostResolver(resolver)
                .hostBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30))).cluster();
        FakeCoordinator stopped = coordinators.get(1);
        stopped.stop();

        for (int i = 0; i < 60; i++) {
            assertThat(await(cluster.serverId())).isIn("CRDN-0", "CRDN-2");
        }

        assertThat(resolver.picked.stream().filter(stopped.host()::equals)).as("tried once, then left out").hasSize(1);
        int markedDown = resolver.picked.indexOf(stopped.host());
        assertThat(resolver.offered.subList(markedDown + 1, resolver.offered.size()))
                .allSatisfy(candidates -> assertThat(candidates).doesNotContain(stopped.host()));
        assertThat(coordinators.get(0).received() + coordinators.get(2).received()).isEqualTo(60);
    }

    @Test
    void aCoordinatorThatComesBackGetsTrafficAgain() throws InterruptedException {
        Cluster cluster = db(builder().hostBackoff(Duration.ofMillis(100), Duration.ofMillis(200))).cluster();
        FakeCoordinator bouncing = coordinators.get(1);
        bouncing.stop();
        for (int i = 0; i < 10; i++) {
            await(cluster.serverId());
        }
        assertThat(bouncing.received()).isZero();

        bouncing.start();
        // Once its back-off has passed, one request probes it, and then it is back in the rotation.
        eventually("the restarted coordinator served 5 requests", () -> {
            await(cluster.serverId());
            return bouncing.received() >= 5;
        });

        assertThat(bouncing.received()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void allStoppedNamesEveryCoordinatorWithinTheTimeout() {
        Cluster cluster = db(builder()).cluster();
        coordinators.forEach(FakeCoordinator::stop);

        long started = System.nanoTime();
        Throwable failure = failure(cluster.serverId());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure).isInstanceOfSatisfying(NoHostAvailableException.class, e -> {
            assertThat(e.failures().keySet()).containsExactlyInAnyOrderElementsOf(
                    coordinators.stream().map(FakeCoordinator::host).toList());
            assertThat(e.getSuppressed()).hasSize(3).allSatisfy(s -> assertThat(s)
                    .isInstanceOf(ArangoConnectionException.class));
        });
        coordinators.forEach(c -> assertThat(failure.getMessage()).contains(c.url()));
    }

    @Test
    void whenAllAreDownTheOneDownLongestIsStillTried() {
        Cluster cluster = db(builder().hostBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30))).cluster();
        coordinators.forEach(FakeCoordinator::stop);
        assertThat(failure(cluster.serverId())).isInstanceOf(NoHostAvailableException.class);

        coordinators.forEach(FakeCoordinator::start);

        // Every coordinator is down for 30 s more, yet the request goes out rather than fail untried.
        assertThat(await(cluster.serverId())).isEqualTo("CRDN-0");
    }

    @Test
    void unavailableCoordinatorsAreFailedOverForAnyMethod() {
        Database db = db(builder().hostResolver(FIRST));
        FakeCoordinator first = coordinators.get(0);
        for (String body : List.of("DERIVED_ERROR_503_startup.json", "DERIVED_ERROR_503_shutting_down.json",
                "DERIVED_ERROR_503_queue_full.json")) {
            first.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody(contract(body))));

            assertThat(await(db.cluster().serverId())).isEqualTo("CRDN-1");
            assertThat(await(db.send(ArangoRequest.builder(HttpMethod.POST, "/_api/cursor").jsonBody("{}").build()))
                    .status()).isEqualTo(200);
        }
        assertThat(coordinators.get(1).received()).isEqualTo(6);
    }

    /** An Error on a later attempt (here from the user's resolver) still ends the caller's future. */
    @Test
    void anErrorThrownAfterAFailoverStillCompletesTheFuture() {
        coordinators.get(0).stop();
        AtomicInteger calls = new AtomicInteger();
        HostResolver failing = candidates -> {
            if (calls.incrementAndGet() > 1) {
                throw new StackOverflowError("resolver blew up");
            }
            return candidates.get(0);
        };
        Cluster cluster = db(builder().hostResolver(failing)).cluster();

        assertThat(failure(cluster.serverId())).isInstanceOf(StackOverflowError.class).hasMessage("resolver blew up");
    }

    @Test
    void anOther503IsTheAnswer() {
        Cluster cluster = db(builder().hostResolver(FIRST)).cluster();
        coordinators.get(0).server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":true,\"errorNum\":1496,\"errorMessage\":\"not a leader\",\"code\":503}")));

        assertThat(failure(cluster.serverId())).isInstanceOfSatisfying(ArangoServerException.class,
                e -> assertThat(e.errorNum()).isEqualTo(1496));
        assertThat(coordinators.get(1).received()).isZero();
    }

    @Test
    void aPostThatFailsAfterBeingSentIsNotRetriedAGetIs() {
        Database db = db(builder().hostResolver(FIRST));
        coordinators.get(0).server.stubFor(any(anyUrl()).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Throwable post = failure(db.send(ArangoRequest.builder(HttpMethod.POST, "/_api/document/c")
                .jsonBody("{\"a\":1}").build()));
        assertThat(post).isInstanceOfSatisfying(ArangoConnectionException.class,
                e -> assertThat(e.requestSent()).isTrue());
        assertThat(coordinators.get(1).received()).as("the POST was not sent again").isZero();
        assertThat(coordinators.get(0).server.findAll(postRequestedFor(anyUrl()))).hasSize(1);

        // java.net.http itself sends a reset GET once more on the same coordinator before giving up;
        // either way, the SDK then moves on.
        assertThat(await(db.cluster().serverId())).isEqualTo("CRDN-1");
        assertThat(coordinators.get(0).server.findAll(getRequestedFor(anyUrl()))).isNotEmpty();
    }

    @Test
    void aTimeoutIsRetriedOnlyWhenAsked() {
        coordinators.get(0).server.stubFor(get(urlEqualTo(ID_PATH)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000).withBody("{\"id\":\"slow\"}")));
        Cluster plain = db(builder().hostResolver(FIRST).requestTimeout(Duration.ofMillis(300))).cluster();
        Cluster retrying = db(builder().hostResolver(FIRST).requestTimeout(Duration.ofMillis(300))
                .retryOnTimeout(true)).cluster();

        assertThat(failure(plain.serverId())).isInstanceOf(ArangoTimeoutException.class);
        assertThat(await(retrying.serverId())).isEqualTo("CRDN-1");
    }

    @Test
    void maxAttemptsBoundsTheCoordinatorsTried() {
        coordinators.get(0).stop();
        coordinators.get(1).stop();
        Cluster cluster = db(builder().hostResolver(FIRST).maxAttempts(2)).cluster();

        Throwable failure = failure(cluster.serverId());

        assertThat(failure).isInstanceOfSatisfying(NoHostAvailableException.class, e -> assertThat(e.failures())
                .containsOnlyKeys(coordinators.get(0).host(), coordinators.get(1).host()));
        assertThat(coordinators.get(2).received()).isZero();
    }

    @Test
    void aFollowerRedirectIsFollowedToTheLeader() {
        FakeCoordinator follower = coordinators.get(0);
        FakeCoordinator leader = coordinators.get(2);
        redirect(follower, leader);

        assertThat(await(db(builder(follower, leader).hostResolver(FIRST)).cluster().serverId())).isEqualTo("CRDN-2");
        assertThat(leader.received()).isEqualTo(1);
    }

    /**
     * A server may name any host in {@code x-arango-endpoint}: the request, and with it the credentials,
     * goes only to a coordinator the client was given or discovered, and no session is opened for another.
     */
    @Test
    void aRedirectToAHostTheClientDoesNotKnowIsNotFollowed() {
        FakeCoordinator follower = coordinators.get(0);
        FakeCoordinator stranger = coordinators.get(2);
        redirect(follower, stranger);
        List<Host> sessionsOpened = Collections.synchronizedList(new ArrayList<>());
        Transport transport = ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals(transport())).findFirst().orElseThrow()
                .create(TransportOptions.defaults());
        Transport counting = new Transport() {
            @Override
            public String name() {
                return transport.name();
            }

            @Override
            public HttpSession openSession(Host host) {
                sessionsOpened.add(host);
                return transport.openSession(host);
            }

            @Override
            public void close() {
                transport.close();
            }
        };
        try (ArangoClient client = builder(follower).transport(counting).build()) {
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();

            for (int i = 0; i < 200; i++) {
                assertThat(failure(cluster.serverId())).isInstanceOfSatisfying(ArangoServerException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorNum()).isEqualTo(1496);
                    assertThat(e.host()).isEqualTo(follower.host());
                });
            }

            assertThat(stranger.received()).as("nothing, credentials least of all, reached the named host").isZero();
            assertThat(stranger.openConnections()).isZero();
            assertThat(client.hosts()).containsExactly(follower.url());
            assertThat(sessionsOpened).as("no session for the named host").containsExactly(follower.host());
        } finally {
            transport.close();
        }
    }

    @Test
    void redirectsAreFollowedAtMostThreeTimes() {
        FakeCoordinator looping = coordinators.get(0);
        redirect(looping, looping);

        assertThat(failure(db(builder(looping)).cluster().serverId()))
                .isInstanceOfSatisfying(ArangoServerException.class, e -> assertThat(e.errorNum()).isEqualTo(1496));
        assertThat(looping.received()).isEqualTo(4);
    }

    @Test
    void discoveryAddsAndRemovesCoordinators() throws InterruptedException {
        FakeCoordinator seed = coordinators.get(0);
        FakeCoordinator found = coordinators.get(1);
        answerEndpoints(seed, seed, found);
        answerEndpoints(found, seed, found);
        ArangoClient client = client(builder(seed)
                .endpointDiscovery(Duration.ofMillis(100), Credentials.of("root", "passwd")));

        awaitHosts(client, List.of(seed.url(), found.url()));
        Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
        for (int i = 0; i < 10; i++) {
            await(cluster.serverId());
        }
        assertThat(found.server.findAll(getRequestedFor(
                urlEqualTo(ID_PATH)))).hasSize(5);

        answerEndpoints(seed, found);
        answerEndpoints(found, found);
        awaitHosts(client, List.of(found.url()));
        int before = seed.server.findAll(getRequestedFor(
                urlEqualTo(ID_PATH))).size();
        for (int i = 0; i < 10; i++) {
            assertThat(await(cluster.serverId())).isEqualTo("CRDN-1");
        }
        assertThat(seed.server.findAll(getRequestedFor(
                urlEqualTo(ID_PATH)))).hasSize(before);
    }

    @Test
    void discoveryKeepsTheHostsOnErrorsEmptyAnswersAndSingleServers() throws InterruptedException {
        FakeCoordinator seed = coordinators.get(0);
        for (String answer : List.of("{\"error\":false,\"code\":200,\"endpoints\":[]}", "not json",
                "{\"endpoints\":[{\"endpoint\":\"bogus\"}]}")) {
            seed.server.stubFor(any(urlEqualTo("/_db/_system/_api/cluster/endpoints")).willReturn(aResponse()
                    .withStatus(200).withBody(answer)));
            int asked = endpointRequests(seed);
            try (ArangoClient client = builder(seed).endpointDiscovery(Duration.ofMillis(50),
                    Credentials.of("root", "pw")).build()) {
                awaitEndpointRequests(seed, asked + 2); // answered at least twice, and then:
                assertThat(client.hosts()).as("after %s", answer).containsExactly(seed.url());
            }
        }
        // 501 errorNum 9 (3.7 and later) and 403 (older) both mean a single server. A cluster coordinator
        // asked at the same interval is the clock: once it was asked six times, a client still polling the
        // single server would have asked it again.
        FakeCoordinator cluster = coordinators.get(0);
        answerEndpoints(cluster, cluster);
        Map<FakeCoordinator, Integer> singles = Map.of(coordinators.get(1), 403, coordinators.get(2), 501);
        for (Map.Entry<FakeCoordinator, Integer> entry : singles.entrySet()) {
            FakeCoordinator single = entry.getKey();
            single.server.stubFor(any(urlEqualTo("/_db/_system/_api/cluster/endpoints")).willReturn(aResponse()
                    .withStatus(entry.getValue()).withBody(contract(entry.getValue() == 501
                            ? "DERIVED_GET__api_cluster_endpoints.single_501.json"
                            : "DERIVED_GET__admin_cluster_health.single_403.json"))));
            int clock = endpointRequests(cluster);
            ArangoClient client = client(builder(single).endpointDiscovery(Duration.ofMillis(50),
                    Credentials.of("root", "pw")));
            client(builder(cluster).endpointDiscovery(Duration.ofMillis(50), Credentials.of("root", "pw")));
            awaitEndpointRequests(single, 1);
            awaitEndpointRequests(cluster, clock + 6);
            assertThat(client.hosts()).containsExactly(single.url());
            assertThat(single.received()).as("a single server (%d) is asked once, then left alone", entry.getValue())
                    .isEqualTo(1);
        }
    }

    /** Discovery's requests take no turn of the user's round robin: 300 requests split exactly 100/100/100. */
    @Test
    void roundRobinSplitsExactlyWhileDiscoveryRuns() throws InterruptedException {
        coordinators.forEach(at -> answerEndpoints(at, coordinators.toArray(FakeCoordinator[]::new)));
        ArangoClient client = client(builder().endpointDiscovery(Duration.ofMillis(5), Credentials.of("root", "pw")));
        Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
        awaitEndpointRequests(coordinators.get(0), 3);

        for (int i = 0; i < 300; i++) {
            await(cluster.serverId());
        }

        assertThat(coordinators).allSatisfy(c -> assertThat(c.server.findAll(getRequestedFor(urlEqualTo(ID_PATH))))
                .hasSize(100));
        assertThat(coordinators.stream().mapToInt(FailoverTest::endpointRequests).sum())
                .as("discovery ran meanwhile").isGreaterThan(3);
    }

    /**
     * An answer listing 10,000 endpoints: the client talks to 64 (maxCoordinators), the seed it already
     * talks to among them, and keeps working.
     */
    @Test
    void aDiscoveryAnswerIsCutToMaxCoordinatorsKeepingTheOnesInUse() throws InterruptedException {
        FakeCoordinator seed = coordinators.get(0);
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            listed.add("tcp://127.0." + (i / 250) + "." + (1 + i % 250) + ":8529"); // loopback, never asked
        }
        listed.add("tcp://127.0.0.1:" + seed.host().port());
        answerEndpoints(seed, listed);
        ArangoClient client = client(builder(seed).endpointDiscovery(Duration.ofHours(1), Credentials.of("root", "pw")));

        eventually("discovery applied its answer", () -> client.hosts().size() > 1);

        assertThat(client.hosts()).hasSize(ArangoClient.DEFAULT_MAX_COORDINATORS)
                .startsWith("http://127.0.0.1:8529").contains(seed.url());
        assertThat(endpointRequests(seed)).isEqualTo(1);
    }

    /**
     * An answer that names new coordinators every interval opens and closes sessions all the time: the
     * client's threads stay bounded all the same.
     */
    @Test
    void threadsStayBoundedWhileDiscoveryChurnsCoordinators() throws InterruptedException {
        FakeCoordinator seed = coordinators.get(0);
        String random = "tcp://127.0.{{randomInt lower=1 upper=250}}.{{randomInt lower=1 upper=250}}"
                + ":{{randomInt lower=1024 upper=65535}}"; // loopback: refused at once if ever asked
        seed.server.stubFor(any(urlEqualTo("/_db/_system/_api/cluster/endpoints")).willReturn(aResponse()
                .withStatus(200).withTransformers("response-template").withBody("{\"error\":false,\"code\":200,"
                        + "\"endpoints\":[{\"endpoint\":\"tcp://127.0.0.1:" + seed.host().port() + "\"},"
                        + "{\"endpoint\":\"" + random + "\"},{\"endpoint\":\"" + random + "\"}]}")));
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        client(builder(seed).endpointDiscovery(Duration.ofMillis(5), Credentials.of("root", "pw")));

        awaitEndpointRequests(seed, 100);

        assertThat(sdkThreads(threadsBefore)).as("threads after some 200 coordinators came and went").hasSizeLessThan(12);
    }

    /**
     * 20,000 requests, 64 in flight, over 3 coordinators while one is stopped and started twice: every
     * request succeeds (two are always up), and closing leaves no connection and no thread behind.
     */
    @Test
    void soak() throws Exception {
        int total = 20_000;
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        Recording resolver = new Recording(HostResolvers.roundRobin());
        ArangoClient client = builder().hostResolver(resolver)
                .hostBackoff(Duration.ofMillis(100), Duration.ofMillis(400)).build();
        Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
        FakeCoordinator bouncing = coordinators.get(1);
        Semaphore window = new Semaphore(64);
        AtomicInteger succeeded = new AtomicInteger();
        List<Throwable> failed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(total);

        for (int i = 0; i < total; i++) {
            if (i == 4_000 || i == 12_000) {
                bouncing.stop();
            } else if (i == 8_000 || i == 16_000) {
                bouncing.start();
            }
            window.acquire();
            completions.track(cluster.serverId()).whenComplete((id, failure) -> {
                if (failure == null) {
                    succeeded.incrementAndGet();
                } else {
                    failed.add(failure);
                }
                window.release();
                done.countDown();
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("all answered within 60 s").isTrue();
        client.close();

        assertThat(succeeded.get() + failed.size()).isEqualTo(total);
        assertThat(failed).as("failures while two coordinators were up").isEmpty();
        assertThat(bouncing.received()).as("the bouncing coordinator served again after each start").isPositive();
        awaitNothingLeft(threadsBefore);
    }

    /** No connection open at any coordinator, no thread of the SDK alive. */
    private void awaitNothingLeft(Set<Thread> threadsBefore) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (coordinators.stream().allMatch(c -> c.openConnections() == 0) && sdkThreads(threadsBefore).isEmpty()) {
                return;
            }
            // java.net.http before Java 21 lets go of a client's connections and selector thread only
            // when the client is collected.
            System.gc();
            Thread.sleep(100);
        }
        assertThat(coordinators).extracting(FakeCoordinator::openConnections).containsOnly(0);
        assertThat(sdkThreads(threadsBefore)).isEmpty();
    }

    private static List<String> sdkThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> name.startsWith("aioarango") || name.startsWith("HttpClient"))
                .toList();
    }

    /** {@code follower} answers as an active-failover follower naming {@code leader}. */
    private static void redirect(FakeCoordinator follower, FakeCoordinator leader) {
        follower.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)
                .withHeader("x-arango-endpoint", "tcp://127.0.0.1:" + leader.host().port())
                .withBody(contract("ERROR_503_active_failover_not_leader.json"))));
    }

    private static int endpointRequests(FakeCoordinator coordinator) {
        return coordinator.server.findAll(getRequestedFor(urlEqualTo("/_db/_system/_api/cluster/endpoints"))).size();
    }

    private static void awaitEndpointRequests(FakeCoordinator coordinator, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (endpointRequests(coordinator) < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(endpointRequests(coordinator)).isGreaterThanOrEqualTo(atLeast);
    }

    private static void answerEndpoints(FakeCoordinator at, FakeCoordinator... endpoints) {
        answerEndpoints(at, Stream.of(endpoints).map(c -> "tcp://127.0.0.1:" + c.host().port()).toList());
    }

    private static void answerEndpoints(FakeCoordinator at, List<String> endpoints) {
        String list = String.join(",", endpoints.stream().map(e -> "{\"endpoint\":\"" + e + "\"}").toList());
        at.server.stubFor(any(urlEqualTo("/_db/_system/_api/cluster/endpoints")).willReturn(aResponse()
                .withStatus(200).withBody("{\"error\":false,\"code\":200,\"endpoints\":[" + list + "]}")));
    }

    private static void awaitHosts(ArangoClient client, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!client.hosts().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.hosts()).isEqualTo(expected);
    }
}
