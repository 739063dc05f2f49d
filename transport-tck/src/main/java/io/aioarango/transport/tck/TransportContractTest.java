package io.aioarango.transport.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.PoolStats;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every transport keeps, written once against WireMock on 127.0.0.1. A transport module
 * runs it by extending this class and returning its provider:
 *
 * <pre>{@code
 * class NettyTransportContractTest extends TransportContractTest {
 *     protected TransportProvider provider() { return new NettyTransportProvider(); }
 * }
 * }</pre>
 *
 * <p>It runs once per protocol mode a transport supports: a subclass that overrides {@link #protocol()}
 * (and, for {@link HttpProtocol#AUTO}, {@link #speaksHttp2()}) runs every case in that mode. WireMock
 * serves HTTP/1.1 and cleartext HTTP/2 with prior knowledge on the same port, as ArangoDB does. The few
 * cases about connections expect what each protocol does: over HTTP/1.1 a connection carries one request
 * at a time and one that failed mid-exchange is closed; over HTTP/2 the requests share one connection and
 * a failed, timed-out or cancelled request resets only its stream. {@link Http2ContractTest} adds the
 * cases only HTTP/2 has.
 *
 * <p>The cases about single exchanges are inherited from {@link RequestsAndResponsesContract}; this class adds
 * those about failures, concurrency, connections and pools, and {@link TransportContractFixture} holds the
 * server and helpers they share.
 */
public abstract class TransportContractTest extends RequestsAndResponsesContract {

    /** For a transport module's subclass, which supplies {@link #provider()}. */
    protected TransportContractTest() {
    }

    // ---- failures ---------------------------------------------------------------------------------

    @Test
    void aHeaderValueThatCouldSplitTheRequestFailsAtOnce() {
        answer(200, "");
        HttpSession session = session();

        Throwable failure = failure(session.send(new TransportRequest(HttpMethod.GET, "/",
                Headers.empty().with("X-Bad", "a\r\nX-Injected: 1"), null)));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(await(session.send(get("/"))).status()).as("the session still works").isEqualTo(200);
    }

    @Test
    void aRefusedConnectionNamesTheHostAndWasNotSent() {
        server.stop();

        Throwable failure = failure(session().send(new TransportRequest(HttpMethod.POST, "/", Headers.empty(),
                new byte[] {1})));

        assertThat(failure).isInstanceOfSatisfying(ArangoConnectionException.class, e -> {
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.requestSent()).isFalse();
        }).hasMessageStartingWith(host.toString());
    }

    @Test
    void anUnknownHostSaysSoAndWasNotSent() {
        // A label of 64 characters is one more than DNS allows: the lookup fails on this machine, before any
        // query is sent, so the test needs no name server.
        Host unknown = new Host("http", "x".repeat(64) + ".invalid", 8529);

        Throwable failure = failure(transport(options().build()).openSession(unknown).send(get("/")));

        assertThat(failure).isInstanceOfSatisfying(ArangoConnectionException.class, e -> {
            assertThat(e.host()).isEqualTo(unknown);
            assertThat(e.requestSent()).isFalse();
        }).hasMessage(unknown + ": unknown host");
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOutInTime() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Host silentHost = new Host("http", "127.0.0.1", silent.getLocalPort());
            HttpSession session = transport(options().requestTimeout(Duration.ofMillis(500)).build())
                    .openSession(silentHost);

            long started = System.nanoTime();
            Throwable failure = failure(session.send(get("/")));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failure).isInstanceOfSatisfying(ArangoTimeoutException.class, e -> {
                assertThat(e.host()).isEqualTo(silentHost);
                assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
            });
            assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
        }
    }

    @Test
    void aCancelledFutureFreesItsConnection() throws Exception {
        ConnectionCountingProxy proxy = proxy();
        // The server would hold the slow request for 30 s, well past every wait below: only the cancel
        // itself can free the connection in time.
        answerSlowly("/slow", 30_000);
        server.stubFor(any(urlEqualTo("/fast")).willReturn(aResponse().withStatus(200).withBody("fast")));
        HttpSession session = transport(options().maxConnectionsPerHost(1).requestTimeout(Duration.ofSeconds(60))
                .build()).openSession(hostOf(proxy));

        CompletableFuture<TransportResponse> slow = session.send(get("/slow"));
        // WireMock logs a request before it starts the delay: the cancel then comes mid-exchange.
        eventually("the slow request reached the server",
                () -> !server.findAll(anyRequestedFor(urlEqualTo("/slow"))).isEmpty());
        slow.cancel(true);

        long started = System.nanoTime();
        assertThat(await(session.send(get("/fast"))).bodyAsString()).isEqualTo("fast");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        if (speaksHttp2()) {
            // The cancel reset the stream only: the connection carried the next request, and stays.
            assertThat(proxy.acceptedConnections()).as("connections opened").isEqualTo(1);
            assertThat(proxy.openConnections()).as("connections open").isEqualTo(1);
        } else {
            eventually("the cancelled request's connection is closed", () -> proxy.openConnections() <= 1);
        }
    }

    // ---- concurrency and connections --------------------------------------------------------------

    @Test
    void aThousandConcurrentRequestsCompleteOnceEachWithItsOwnResponse() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("{{request.headers.x-id}}").withTransformers("response-template")));
        // Not a test of speed: in a JVM not yet warmed up, on a busy machine, 1000 requests can take seconds.
        HttpSession session = transport(options().requestTimeout(Duration.ofSeconds(20)).build()).openSession(host);
        AtomicInteger completions = new AtomicInteger();
        List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();

        for (int i = 0; i < 1000; i++) {
            futures.add(session.send(new TransportRequest(HttpMethod.GET, "/c/" + i,
                    Headers.empty().with("x-id", String.valueOf(i)), null))
                    .whenComplete((response, failure) -> completions.incrementAndGet()));
        }

        for (int i = 0; i < futures.size(); i++) {
            assertThat(await(futures.get(i)).bodyAsString()).as("response to request %d", i)
                    .isEqualTo(String.valueOf(i));
        }
        assertThat(completions).hasValue(1000);
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1000);
    }

    @Test
    void sequentialRequestsReuseConnections() throws Exception {
        ConnectionCountingProxy proxy = proxy();
        answer(200, "{}");
        int poolSize = 4;
        HttpSession session = transport(options().maxConnectionsPerHost(poolSize).build()).openSession(hostOf(proxy));

        for (int i = 0; i < 200; i++) {
            assertThat(await(session.send(get("/k"))).status()).isEqualTo(200);
        }

        if (speaksHttp2()) {
            assertThat(proxy.acceptedConnections()).as("one connection carries every request").isEqualTo(1);
        } else {
            assertThat(proxy.acceptedConnections()).isBetween(1, poolSize);
        }
    }

    @Test
    void closingFailsPendingRequestsAndReleasesConnectionsAndThreads() throws Exception {
        ConnectionCountingProxy proxy = proxy();
        answerSlowly("/slow", 10_000);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Transport transport = provider().create(options().requestTimeout(Duration.ofSeconds(30)).build());
        HttpSession session = transport.openSession(hostOf(proxy));
        List<CompletableFuture<TransportResponse>> pending = List.of(session.send(get("/slow")), session.send(get("/slow")),
                session.send(get("/slow")));
        eventually("the requests reached the server",
                () -> server.findAll(anyRequestedFor(urlEqualTo("/slow"))).size() == pending.size());

        long started = System.nanoTime();
        transport.close();
        transport.close();

        for (CompletableFuture<TransportResponse> future : pending) {
            assertThat(failure(future)).isInstanceOf(ArangoConnectionException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure(session.send(get("/after")))).isInstanceOf(ArangoConnectionException.class);
        eventually("every connection closed", () -> proxy.openConnections() == 0);
        boolean atOnce = closeEndsEveryThread();
        eventually(() -> "every thread of the transport ended; alive: " + newThreads(before), () -> {
            if (!atOnce) {
                System.gc();
            }
            return newThreads(before).isEmpty();
        });
    }

    /**
     * Live threads that were not there before, other than those of the test's own servers (Jetty's
     * {@code qtp} and {@code Connector-Scheduler}, the proxy's) and the JVM's shared pools, which no
     * transport owns.
     */
    private static Set<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> !name.startsWith("qtp") && !name.startsWith("Connector-Scheduler")
                        && !name.startsWith("tck-proxy") && !name.startsWith("ForkJoinPool.commonPool")
                        && !name.startsWith("Common-Cleaner") && !name.startsWith("Attach Listener"))
                .collect(Collectors.toSet());
    }

    @Test
    void theSessionOfOneHostNeverSendsToAnother() {
        WireMockServer other = new WireMockServer(onLoopback());
        other.start();
        closeables.add(other::stop);
        answer(200, "a");
        other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("b")));
        Transport transport = transport(options().build());
        HttpSession a = transport.openSession(host);
        HttpSession b = transport.openSession(new Host("http", "127.0.0.1", other.port()));

        for (int i = 0; i < 20; i++) {
            assertThat(await(a.send(get("/a"))).bodyAsString()).isEqualTo("a");
            assertThat(await(b.send(get("/b"))).bodyAsString()).isEqualTo("b");
        }

        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(20).allSatisfy(r -> assertThat(r.getUrl())
                .isEqualTo("/a"));
        assertThat(other.findAll(anyRequestedFor(anyUrl()))).hasSize(20).allSatisfy(r -> assertThat(r.getUrl())
                .isEqualTo("/b"));
    }

    // ---- pools (transports that report them) ------------------------------------------------------

    @Test
    void poolStatsShowActiveIdleAndPending() throws Exception {
        Assumptions.assumeFalse(speaksHttp2(), "counts HTTP/1.1 connections, each carrying one request");
        answerSlowly("/slow", 1_000);
        HttpSession session = transport(options().maxConnectionsPerHost(2).build()).openSession(host);
        Assumptions.assumeTrue(session.poolStats().isPresent(), "this transport reports no pool");
        assertThat(session.poolStats()).hasValue(new PoolStats(0, 0, 0));

        List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(session.send(get("/slow")));
        }
        eventually("2 active and 2 pending", () -> session.poolStats().orElseThrow().equals(new PoolStats(2, 0, 2)));
        futures.forEach(TransportContractTest::await);

        eventually("2 idle", () -> session.poolStats().orElseThrow().equals(new PoolStats(0, 2, 0)));
    }

    @Test
    void aFullQueueOfWaitingRequestsFailsClearly() {
        Assumptions.assumeFalse(speaksHttp2(), "over HTTP/2 the three requests share the connection's streams; "
                + "Http2ContractTest fills every stream of a server that allows 8");
        answerSlowly("/slow", 1_000);
        HttpSession session = transport(options().maxConnectionsPerHost(1).maxPendingRequestsPerHost(1).build())
                .openSession(host);

        CompletableFuture<TransportResponse> first = session.send(get("/slow"));
        CompletableFuture<TransportResponse> second = session.send(get("/slow"));
        Throwable third = failure(session.send(get("/slow")));

        assertThat(third).isInstanceOfSatisfying(RequestQueueFullException.class, e -> {
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.maxPending()).isEqualTo(1);
        });
        assertThat(await(first).status()).isEqualTo(200);
        assertThat(await(second).status()).isEqualTo(200);
    }
}
