package io.aioarango.core.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static io.aioarango.transport.tck.Waiting.eventually;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.Hedging;
import io.aioarango.core.HostResolvers;
import io.aioarango.core.testing.ThreeCoordinatorTest;
import io.aioarango.testkit.FakeCoordinator;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Failover and host health against coordinators that stop, restart, refuse, reset and redirect. Runs
 * once per transport (see the subclasses). The coordinators are arango-testkit's; a test that needs an
 * answer the testkit does not give (a redirect's {@code x-arango-endpoint}, an endpoint list other than
 * the cluster's own, a reset before any answer) uses a WireMock coordinator for it.
 */
abstract class FailoverTest extends ThreeCoordinatorTest {
    private static final String ID_PATH = "/_db/_system/_admin/server/id";
    private static final String ENDPOINTS_PATH = "/_db/_system/_api/cluster/endpoints";

    /** A client of the fake cluster's three coordinators. */
    protected ArangoClient.Builder builder() {
        return builder(fakeCluster.hosts());
    }

    protected ArangoClient.Builder builder(String... urls) {
        return builder(List.of(urls));
    }

    private ArangoClient.Builder builder(List<String> urls) {
        // Hedging and ejection off unless a test turns them on: these tests count the attempts each
        // coordinator gets, and a loaded machine must not make one an outlier.
        return ArangoClient.builder().hosts(urls).transport(transport()).hedging(Hedging.off()).ejectAfterSlowAttempts(0)
                .transportOptions(TransportOptions.builder().connectTimeout(Duration.ofSeconds(2))
                        .requestTimeout(Duration.ofSeconds(5)).build());
    }

    /** The builder's transport options with a shorter request timeout: the connect timeout stays 2 s. */
    private static TransportOptions timeout(long requestMillis) {
        return TransportOptions.builder().connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofMillis(requestMillis)).build();
    }

    protected Database db(ArangoClient.Builder builder) {
        return client(builder).db("_system", "root", "passwd").join();
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
            assertThat(await(cluster.serverId())).isIn(coordinators.get(0).serverId(), coordinators.get(2).serverId());
        }

        assertThat(resolver.picked.stream().filter(host(stopped)::equals)).as("tried once, then left out").hasSize(1);
        int markedDown = resolver.picked.indexOf(host(stopped));
        assertThat(resolver.offered.subList(markedDown + 1, resolver.offered.size()))
                .allSatisfy(candidates -> assertThat(candidates).doesNotContain(host(stopped)));
        assertThat(coordinators.get(0).requestCount() + coordinators.get(2).requestCount()).isEqualTo(60);
    }

    @Test
    void aCoordinatorThatComesBackGetsTrafficAgain() {
        Cluster cluster = db(builder().hostBackoff(Duration.ofMillis(100), Duration.ofMillis(200))).cluster();
        FakeCoordinator bouncing = coordinators.get(1);
        bouncing.stop();
        for (int i = 0; i < 10; i++) {
            await(cluster.serverId());
        }
        assertThat(bouncing.requestCount()).isZero();

        bouncing.start();
        // Once its back-off has passed, one request probes it, and then it is back in the rotation.
        eventually("the restarted coordinator served 5 requests", () -> {
            await(cluster.serverId());
            return bouncing.requestCount() >= 5;
        });

        assertThat(bouncing.requestCount()).isGreaterThanOrEqualTo(5);
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
                    coordinators.stream().map(ThreeCoordinatorTest::host).toList());
            assertThat(e.getSuppressed()).hasSize(3).allSatisfy(s -> assertThat(s)
                    .isInstanceOf(ArangoConnectionException.class));
        });
        coordinators.forEach(c -> assertThat(failure.getMessage()).contains(c.url()));
    }

    @Test
    void whenAllAreDownTheOneDownLongestIsStillTried() {
        Cluster cluster = db(builder().hostResolver("roundrobin")
                .hostBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30))).cluster();
        coordinators.forEach(FakeCoordinator::stop);
        assertThat(failure(cluster.serverId())).isInstanceOf(NoHostAvailableException.class);

        coordinators.forEach(FakeCoordinator::start);

        // Every coordinator is down for 30 s more, yet the request goes out rather than fail untried.
        assertThat(await(cluster.serverId())).isEqualTo(coordinators.get(0).serverId());
    }

    @Test
    void unavailableCoordinatorsAreFailedOverForAnyMethod() {
        Database db = db(builder().hostResolver(FIRST));
        FakeCoordinator first = coordinators.get(0);
        for (int errorNum : List.of(503, 30, 21003)) { // starting up or in maintenance, shutting down, queue full
            first.failWith(503, errorNum);

            assertThat(await(db.cluster().serverId())).isEqualTo(coordinators.get(1).serverId());
            // A POST, not idempotent: computing a rebalance plan.
            assertThat(await(db.send(ArangoRequest.builder(HttpMethod.POST, "/_admin/cluster/rebalance")
                    .jsonBody("{}").build())).status()).isEqualTo(200);
        }
        assertThat(first.requestCount()).as("each asked the unavailable one first").isEqualTo(6);
        assertThat(coordinators.get(1).requestCount()).isEqualTo(6);
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
        coordinators.get(0).failWith(503, 1496); // not a leader, and no x-arango-endpoint named

        assertThat(failure(cluster.serverId())).isInstanceOfSatisfying(ArangoServerException.class,
                e -> assertThat(e.errorNum()).isEqualTo(1496));
        assertThat(coordinators.get(1).requestCount()).isZero();
    }

    /**
     * The connection is reset after the request arrived and before any byte of an answer: the case where
     * a client cannot tell whether the server acted. The testkit's reset comes mid-answer, so the resetting
     * coordinator here is WireMock's.
     */
    @Test
    void aPostThatFailsAfterBeingSentIsNotRetriedAGetIs() {
        WireMockServer resetting = wireMock();
        resetting.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Database db = db(builder(url(resetting), coordinators.get(1).url(), coordinators.get(2).url())
                .hostResolver(FIRST));

        Throwable post = failure(db.send(ArangoRequest.builder(HttpMethod.POST, "/_api/document/c")
                .jsonBody("{\"a\":1}").build()));
        assertThat(post).isInstanceOfSatisfying(ArangoConnectionException.class,
                e -> assertThat(e.requestSent()).isTrue());
        assertThat(coordinators.get(1).requestCount()).as("the POST was not sent again").isZero();
        assertThat(resetting.findAll(postRequestedFor(anyUrl()))).hasSize(1);

        // java.net.http itself sends a reset GET once more on the same coordinator before giving up;
        // either way, the SDK then moves on.
        assertThat(await(db.cluster().serverId())).isEqualTo(coordinators.get(1).serverId());
        assertThat(resetting.findAll(getRequestedFor(anyUrl()))).isNotEmpty();
    }

    /** The same when the answer breaks off halfway: the status line and half the body came, then a reset. */
    @Test
    void aPostWhoseAnswerBreaksOffIsNotRetriedAGetIs() {
        FakeCoordinator breaking = coordinators.get(0);
        breaking.resetMidAnswer();
        Database db = db(builder().hostResolver(FIRST));

        Throwable post = failure(db.send(ArangoRequest.builder(HttpMethod.POST, "/_admin/cluster/rebalance")
                .jsonBody("{}").build()));
        assertThat(post).isInstanceOfSatisfying(ArangoConnectionException.class,
                e -> assertThat(e.requestSent()).isTrue());
        assertThat(coordinators.get(1).requestCount()).as("the POST was not sent again").isZero();
        assertThat(requests(breaking, "POST", "/_db/_system/_admin/cluster/rebalance")).isEqualTo(1);

        assertThat(await(db.cluster().serverId())).isEqualTo(coordinators.get(1).serverId());
        assertThat(requests(breaking, "GET", ID_PATH)).isPositive();
    }

    @Test
    void aTimeoutIsRetriedOnlyWhenAsked() {
        coordinators.get(0).delay(Duration.ofSeconds(3));
        Cluster plain = db(builder().hostResolver(FIRST).hedging(Hedging.off())
                .transportOptions(timeout(300))).cluster();
        Cluster retrying = db(builder().hostResolver(FIRST).hedging(Hedging.off()).transportOptions(timeout(300))
                .retryOnTimeout(true)).cluster();

        assertThat(failure(plain.serverId())).isInstanceOf(ArangoTimeoutException.class);
        assertThat(await(retrying.serverId())).isEqualTo(coordinators.get(1).serverId());
    }

    @Test
    void maxAttemptsBoundsTheCoordinatorsTried() {
        coordinators.get(0).stop();
        coordinators.get(1).stop();
        Cluster cluster = db(builder().hostResolver(FIRST).maxAttempts(2)).cluster();

        Throwable failure = failure(cluster.serverId());

        assertThat(failure).isInstanceOfSatisfying(NoHostAvailableException.class, e -> assertThat(e.failures())
                .containsOnlyKeys(host(coordinators.get(0)), host(coordinators.get(1))));
        assertThat(coordinators.get(2).requestCount()).isZero();
    }

    @Test
    void aFollowerRedirectIsFollowedToTheLeader() {
        WireMockServer follower = wireMock();
        FakeCoordinator leader = coordinators.get(2);
        redirect(follower, leader.port());

        assertThat(await(db(builder(url(follower), leader.url()).hostResolver(FIRST)).cluster().serverId()))
                .isEqualTo(leader.serverId());
        assertThat(leader.requestCount()).isEqualTo(1);
    }

    /**
     * A server may name any host in {@code x-arango-endpoint}: the request, and with it the credentials,
     * goes only to a coordinator the client was given or discovered, and no session is opened for another.
     */
    @Test
    void aRedirectToAHostTheClientDoesNotKnowIsNotFollowed() {
        WireMockServer follower = wireMock();
        FakeCoordinator stranger = coordinators.get(2);
        redirect(follower, stranger.port());
        List<Host> sessionsOpened = Collections.synchronizedList(new ArrayList<>());
        Transport transport = ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals(transport())).findFirst().orElseThrow()
                .create(TransportOptions.defaults());
        Transport counting = opening(transport, host -> {
            sessionsOpened.add(host);
            return transport.openSession(host);
        });
        try (ArangoClient client = builder(url(follower)).transport(counting).build()) {
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();

            for (int i = 0; i < 200; i++) {
                assertThat(failure(cluster.serverId())).isInstanceOfSatisfying(ArangoServerException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorNum()).isEqualTo(1496);
                    assertThat(e.host()).isEqualTo(host(follower));
                });
            }

            assertThat(stranger.requestCount()).as("nothing, credentials least of all, reached the named host")
                    .isZero();
            assertThat(stranger.openConnections()).isZero();
            assertThat(client.hosts()).containsExactly(url(follower));
            assertThat(sessionsOpened).as("no session for the named host").containsExactly(host(follower));
        } finally {
            transport.close();
        }
    }

    /**
     * A redirect whose send fails at once (the leader's queue is full) still ends the request. The redirected
     * attempt hands its slot to the new one, so the request is never left with no attempt in flight and no
     * one to end it (it was: the future never completed). Here the resolver picks the follower each time, so
     * every attempt is redirected to the full leader, and the request ends with what they met.
     */
    @Test
    void aRedirectWhoseSendFailsAtOnceFailsOverAndEnds() {
        WireMockServer follower = wireMock();
        FakeCoordinator leader = coordinators.get(2);
        FakeCoordinator other = coordinators.get(1);
        redirect(follower, leader.port());
        Transport transport = ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals(transport())).findFirst().orElseThrow()
                .create(TransportOptions.defaults());
        Transport fullLeader = opening(transport, host -> {
                HttpSession session = transport.openSession(host);
                if (!host.equals(host(leader))) {
                    return session;
                }
                return new HttpSession() {
                    @Override
                    public Host host() {
                        return host;
                    }

                    @Override
                    public CompletableFuture<io.aioarango.transport.spi.TransportResponse> send(
                            io.aioarango.transport.spi.TransportRequest request) {
                        return CompletableFuture.failedFuture(new io.aioarango.api.RequestQueueFullException(host, 1, 1));
                    }

                    @Override
                    public void close() {
                        session.close();
                    }
                };
        });
        HostResolver followerFirst = candidates -> candidates.get(0);
        try (ArangoClient client = builder(url(follower), leader.url(), other.url()).hostResolver(followerFirst)
                .transport(fullLeader).build()) {
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
            assertThat(failure(cluster.serverId())).isInstanceOfSatisfying(NoHostAvailableException.class,
                    e -> assertThat(e.failures()).containsOnlyKeys(host(leader)).allSatisfy((host, cause) ->
                            assertThat(cause).isInstanceOf(io.aioarango.api.RequestQueueFullException.class)));
            assertThat(other.requestCount()).isZero();
        } finally {
            transport.close();
        }
    }

    @Test
    void redirectsAreFollowedAtMostThreeTimes() {
        WireMockServer looping = wireMock();
        redirect(looping, looping.port());

        assertThat(failure(db(builder(url(looping))).cluster().serverId()))
                .isInstanceOfSatisfying(ArangoServerException.class, e -> assertThat(e.errorNum()).isEqualTo(1496));
        assertThat(looping.findAll(anyRequestedFor(anyUrl()))).hasSize(4);
    }

    /** The fake cluster always lists all its coordinators: the changing lists come from WireMock. */
    @Test
    void discoveryAddsAndRemovesCoordinators() {
        WireMockServer seed = wireMockCoordinator("CRDN-seed");
        WireMockServer found = wireMockCoordinator("CRDN-found");
        answerEndpoints(seed, seed, found);
        answerEndpoints(found, seed, found);
        ArangoClient client = client(builder(url(seed)).hostResolver("roundrobin")
                .endpointDiscovery(Duration.ofMillis(100), Credentials.of("root", "pw")));

        awaitHosts(client, List.of(url(seed), url(found)));
        Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
        for (int i = 0; i < 10; i++) {
            await(cluster.serverId());
        }
        assertThat(found.findAll(getRequestedFor(urlEqualTo(ID_PATH)))).hasSize(5);

        answerEndpoints(seed, found);
        answerEndpoints(found, found);
        awaitHosts(client, List.of(url(found)));
        int before = seed.findAll(getRequestedFor(urlEqualTo(ID_PATH))).size();
        for (int i = 0; i < 10; i++) {
            assertThat(await(cluster.serverId())).isEqualTo("CRDN-found");
        }
        assertThat(seed.findAll(getRequestedFor(urlEqualTo(ID_PATH)))).hasSize(before);
    }

    /** Answers the fake cluster does not give (an empty list, not JSON, a bogus endpoint, a single server's). */
    @Test
    void discoveryKeepsTheHostsOnErrorsEmptyAnswersAndSingleServers() {
        WireMockServer seed = wireMockCoordinator("CRDN-seed");
        for (String answer : List.of("{\"error\":false,\"code\":200,\"endpoints\":[]}", "not json",
                "{\"endpoints\":[{\"endpoint\":\"bogus\"}]}")) {
            seed.stubFor(any(urlEqualTo(ENDPOINTS_PATH)).willReturn(aResponse().withStatus(200).withBody(answer)));
            int asked = endpointRequests(seed);
            try (ArangoClient client = builder(url(seed)).endpointDiscovery(Duration.ofMillis(50),
                    Credentials.of("root", "pw")).build()) {
                awaitEndpointRequests(seed, asked + 2); // answered at least twice, and then:
                assertThat(client.hosts()).as("after %s", answer).containsExactly(url(seed));
            }
        }
        // 501 errorNum 9 (3.7 and later) and 403 (older) both mean a single server. A cluster coordinator
        // asked at the same interval is the clock: once it was asked six times, a client still polling the
        // single server would have asked it again.
        WireMockServer cluster = seed;
        answerEndpoints(cluster, cluster);
        Map<WireMockServer, Integer> singles = Map.of(wireMockCoordinator("CRDN-single-403"), 403,
                wireMockCoordinator("CRDN-single-501"), 501);
        for (Map.Entry<WireMockServer, Integer> entry : singles.entrySet()) {
            WireMockServer single = entry.getKey();
            single.stubFor(any(urlEqualTo(ENDPOINTS_PATH)).willReturn(aResponse()
                    .withStatus(entry.getValue()).withBody(contract(entry.getValue() == 501
                            ? "DERIVED_GET__api_cluster_endpoints.single_501.json"
                            : "DERIVED_GET__admin_cluster_health.single_403.json"))));
            int clock = endpointRequests(cluster);
            ArangoClient client = client(builder(url(single)).endpointDiscovery(Duration.ofMillis(50),
                    Credentials.of("root", "pw")));
            client(builder(url(cluster)).endpointDiscovery(Duration.ofMillis(50), Credentials.of("root", "pw")));
            awaitEndpointRequests(single, 1);
            awaitEndpointRequests(cluster, clock + 6);
            assertThat(client.hosts()).containsExactly(url(single));
            assertThat(single.findAll(anyRequestedFor(anyUrl())))
                    .as("a single server (%d) is asked once, then left alone", entry.getValue()).hasSize(1);
        }
    }

    /** Discovery's requests take no turn of the user's round robin: 300 requests split exactly 100/100/100. */
    @Test
    void roundRobinSplitsExactlyWhileDiscoveryRuns() {
        // Every coordinator of the fake cluster lists all three.
        ArangoClient client = client(builder().hostResolver("roundrobin").endpointDiscovery(Duration.ofMillis(5),
                Credentials.of("root", "passwd")));
        Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
        awaitEndpointRequests(coordinators.get(0), 3);

        for (int i = 0; i < 300; i++) {
            await(cluster.serverId());
        }

        assertThat(coordinators).allSatisfy(c -> assertThat(requests(c, "GET", ID_PATH)).isEqualTo(100));
        assertThat(coordinators.stream().mapToInt(FailoverTest::endpointRequests).sum())
                .as("discovery ran meanwhile").isGreaterThan(3);
        assertThat(client.hosts()).isEqualTo(fakeCluster.hosts());
    }

    /**
     * An answer listing 10,000 endpoints: the client talks to 64 (maxCoordinators), the seed it already
     * talks to among them, and keeps working.
     */
    @Test
    void aDiscoveryAnswerIsCutToMaxCoordinatorsKeepingTheOnesInUse() {
        WireMockServer seed = wireMockCoordinator("CRDN-seed");
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            listed.add("tcp://127.0." + (i / 250) + "." + (1 + i % 250) + ":8529"); // loopback, never asked
        }
        listed.add("tcp://127.0.0.1:" + seed.port());
        answerEndpoints(seed, listed);
        ArangoClient client = client(builder(url(seed)).endpointDiscovery(Duration.ofHours(1),
                Credentials.of("root", "pw")));

        eventually("discovery applied its answer", () -> client.hosts().size() > 1);

        assertThat(client.hosts()).hasSize(ArangoClient.DEFAULT_MAX_COORDINATORS)
                .startsWith("http://127.0.0.1:8529").contains(url(seed));
        assertThat(endpointRequests(seed)).isEqualTo(1);
    }

    /**
     * An answer that names new coordinators every interval opens and closes sessions all the time: the
     * client's threads stay bounded all the same.
     */
    @Test
    void threadsStayBoundedWhileDiscoveryChurnsCoordinators() {
        WireMockServer seed = wireMockCoordinator("CRDN-seed");
        String random = "tcp://127.0.{{randomInt lower=1 upper=250}}.{{randomInt lower=1 upper=250}}"
                + ":{{randomInt lower=1024 upper=65535}}"; // loopback: refused at once if ever asked
        seed.stubFor(any(urlEqualTo(ENDPOINTS_PATH)).willReturn(aResponse()
                .withStatus(200).withTransformers("response-template").withBody("{\"error\":false,\"code\":200,"
                        + "\"endpoints\":[{\"endpoint\":\"tcp://127.0.0.1:" + seed.port() + "\"},"
                        + "{\"endpoint\":\"" + random + "\"},{\"endpoint\":\"" + random + "\"}]}")));
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        client(builder(url(seed)).endpointDiscovery(Duration.ofMillis(5), Credentials.of("root", "pw")));

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
        assertThat(bouncing.requestCount()).as("the bouncing coordinator served again after each start").isPositive();
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

    /** Threads the SDK or java.net.http started since {@code before}; the testkit's own are not the SDK's. */
    private static List<String> sdkThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> name.startsWith("aioarango") || name.startsWith("HttpClient"))
                .filter(name -> !name.startsWith("aioarango-testkit"))
                .toList();
    }

    /** {@code transport} with its sessions opened by {@code sessions}; closing it closes {@code transport}. */
    private static Transport opening(Transport transport, java.util.function.Function<Host, HttpSession> sessions) {
        return new Transport() {
            @Override
            public String name() {
                return transport.name();
            }

            @Override
            public HttpSession openSession(Host host) {
                return sessions.apply(host);
            }

            @Override
            public void close() {
                transport.close();
            }
        };
    }

    /** A WireMock coordinator answering every request with {@code {"id": id}}, as {@code /_admin/server/id}. */
    private WireMockServer wireMockCoordinator(String id) {
        WireMockServer server = wireMock();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("{\"error\":false,\"code\":200,\"id\":\"" + id + "\"}")));
        return server;
    }

    /** {@code follower} answers as an active-failover follower naming the coordinator on {@code leaderPort}. */
    private static void redirect(WireMockServer follower, int leaderPort) {
        follower.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)
                .withHeader("x-arango-endpoint", "tcp://127.0.0.1:" + leaderPort)
                .withBody(contract("ERROR_503_active_failover_not_leader.json"))));
    }

    /** How many {@code method path} requests the coordinator received. */
    private static int requests(FakeCoordinator coordinator, String method, String path) {
        return (int) coordinator.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private static int endpointRequests(FakeCoordinator coordinator) {
        return requests(coordinator, "GET", ENDPOINTS_PATH);
    }

    private static int endpointRequests(WireMockServer coordinator) {
        return coordinator.findAll(getRequestedFor(urlEqualTo(ENDPOINTS_PATH))).size();
    }

    private static void awaitEndpointRequests(FakeCoordinator coordinator, int atLeast) {
        eventually(() -> coordinator + " asked for the endpoints " + atLeast + " times, got "
                + endpointRequests(coordinator), () -> endpointRequests(coordinator) >= atLeast);
    }

    private static void awaitEndpointRequests(WireMockServer coordinator, int atLeast) {
        eventually(() -> url(coordinator) + " asked for the endpoints " + atLeast + " times, got "
                + endpointRequests(coordinator), () -> endpointRequests(coordinator) >= atLeast);
    }

    private static void answerEndpoints(WireMockServer at, WireMockServer... endpoints) {
        answerEndpoints(at, Stream.of(endpoints).map(c -> "tcp://127.0.0.1:" + c.port()).toList());
    }

    private static void answerEndpoints(WireMockServer at, List<String> endpoints) {
        String list = String.join(",", endpoints.stream().map(e -> "{\"endpoint\":\"" + e + "\"}").toList());
        at.stubFor(any(urlEqualTo(ENDPOINTS_PATH)).willReturn(aResponse()
                .withStatus(200).withBody("{\"error\":false,\"code\":200,\"endpoints\":[" + list + "]}")));
    }

    private static void awaitHosts(ArangoClient client, List<String> expected) {
        eventually(() -> "hosts " + expected + ", got " + client.hosts(), () -> client.hosts().equals(expected));
    }
}
