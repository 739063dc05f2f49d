package io.aioarango.transport.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.PoolStats;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
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
 */
public abstract class TransportContractTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The WireMock server on 127.0.0.1, started before each test and stopped after it. */
    protected WireMockServer server;
    /** {@link #server} as a coordinator: {@code http://127.0.0.1:port}. */
    protected Host host;
    private final List<Transport> transports = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** For a transport module's subclass, which supplies {@link #provider()}. */
    protected TransportContractTest() {
    }

    /**
     * The transport under test.
     *
     * @return the provider of the transport under test; called for each transport a test creates
     */
    protected abstract TransportProvider provider();

    /**
     * The protocol mode the suite runs in: the {@link TransportOptions.Builder#protocol(HttpProtocol)} of
     * {@link #options()}.
     *
     * @return {@link HttpProtocol#HTTP1}, the default; a subclass returns another mode the transport supports
     */
    protected HttpProtocol protocol() {
        return HttpProtocol.HTTP1;
    }

    /**
     * Whether the transport, set to {@link #protocol()}, speaks HTTP/2 to an {@code http://} coordinator:
     * what the cases about connections expect, and what WireMock must see.
     *
     * @return {@code true} for {@link HttpProtocol#H2} by default; a subclass running in
     *         {@link HttpProtocol#AUTO} says what its transport does then
     */
    protected boolean speaksHttp2() {
        return protocol() == HttpProtocol.H2;
    }

    /**
     * Whether closing the transport ends every thread it started at once; if not, they must end once the
     * garbage collector has run. Connections carrying a request must close at once in any case.
     * java.net.http before Java 21 has no way to stop its client's selector thread
     * ({@code HttpClient.shutdownNow()}): the thread ends when the client is collected.
     *
     * @return {@code true}, the default, to require that every thread ends at once on close; {@code false}
     *         to allow them to end after garbage collection
     */
    protected boolean closeEndsEveryThread() {
        return true;
    }

    @BeforeEach
    void startServer() {
        server = new WireMockServer(onLoopback().containerThreads(64));
        server.start();
        host = new Host("http", "127.0.0.1", server.port());
    }

    @AfterEach
    void stopEverything() throws Exception {
        transports.forEach(Transport::close);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        server.stop();
    }

    /** WireMock on a free port of 127.0.0.1, HTTP/1.1 and cleartext HTTP/2 (with prior knowledge) on it. */
    private static WireMockConfiguration onLoopback() {
        return wireMockConfig().dynamicPort().bindAddress("127.0.0.1").http2PlainDisabled(false);
    }

    /**
     * Options with short timeouts, so that a hanging test fails fast; the suite's transports start from
     * them, and a test changes single settings on top.
     *
     * @return a new builder with {@link #protocol()}, a 2 s connect timeout and a 5 s request timeout
     */
    protected TransportOptions.Builder options() {
        return TransportOptions.builder().protocol(protocol()).connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5));
    }

    /**
     * Creates a transport of {@link #provider()}, closed after the test.
     *
     * @param options the transport's settings
     * @return the new transport
     */
    protected Transport transport(TransportOptions options) {
        Transport transport = provider().create(options);
        transports.add(transport);
        return transport;
    }

    /**
     * Opens a session to {@link #host} on a new transport with {@link #options()}.
     *
     * @return the session; its transport is closed after the test
     */
    protected HttpSession session() {
        return transport(options().build()).openSession(host);
    }

    private ConnectionCountingProxy proxy() throws IOException {
        ConnectionCountingProxy proxy = new ConnectionCountingProxy(server.port());
        closeables.add(proxy);
        return proxy;
    }

    private static Host hostOf(ConnectionCountingProxy proxy) {
        return new Host("http", "127.0.0.1", proxy.port());
    }

    private void answer(int status, String body) {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private void answerSlowly(String path, int delayMillis) {
        server.stubFor(any(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)
                .withBody("slow")));
    }

    /**
     * A {@code GET} without headers or body.
     *
     * @param target the path and query, percent-encoded, starting with {@code /}
     * @return the request
     */
    protected static TransportRequest get(String target) {
        return new TransportRequest(HttpMethod.GET, target, Headers.empty(), null);
    }

    /**
     * Waits up to 10 s for a future that must succeed.
     *
     * @param <T>    the result's type
     * @param future the future
     * @return its result
     * @throws AssertionError if the future failed or did not complete in time
     */
    protected static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the future did not complete within " + WAIT, e);
        }
    }

    /**
     * Waits up to 10 s for a future that must fail.
     *
     * @param future the future
     * @return the failure, unwrapped from {@link ExecutionException}; the {@link CancellationException}
     *         when the future was cancelled
     * @throws AssertionError if the future succeeded or did not complete in time
     */
    protected static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the future did not complete within " + WAIT, e);
        }
        throw new AssertionError("expected a failure, the request succeeded");
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    // ---- requests and responses -------------------------------------------------------------------

    @Test
    void speaksTheProtocolItWasAskedFor() {
        answer(200, "");

        await(session().send(get("/p")));

        assertThat(onlyRequest().getProtocol()).isEqualTo(speaksHttp2() ? "HTTP/2.0" : "HTTP/1.1");
    }

    @Test
    void everyMethodWithAndWithoutABody() {
        answer(200, "answer");
        HttpSession session = session();
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE)) {
            for (byte[] body : new byte[][] {null, "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8)}) {
                server.resetRequests();

                TransportResponse response = await(session.send(new TransportRequest(method, "/m", Headers.empty(), body)));

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyAsString()).isEqualTo("answer");
                LoggedRequest received = onlyRequest();
                assertThat(received.getMethod().getName()).isEqualTo(method.name());
                assertThat(received.getBody()).isEqualTo(body == null ? new byte[0] : body);
            }
        }
    }

    @Test
    void headHasNoBody() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Length", "42")));

        TransportResponse response = await(session().send(new TransportRequest(HttpMethod.HEAD, "/h", Headers.empty(), null)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyLength()).isZero();
        assertThat(onlyRequest().getMethod().getName()).isEqualTo("HEAD");
    }

    @Test
    void queryStringsArriveExactlyAsEncoded() {
        answer(200, "");
        String target = "/_db/caf%C3%A9/_api/x%20y?q=a%2Fb%26c%3Dd&u=%C3%BC&empty=&plus=%2B";

        await(session().send(get(target)));

        LoggedRequest received = onlyRequest();
        assertThat(received.getUrl()).isEqualTo(target);
        assertThat(received.queryParameter("q").firstValue()).isEqualTo("a/b&c=d");
        assertThat(received.queryParameter("u").firstValue()).isEqualTo("ü");
    }

    @Test
    void headersTravelBothWaysRepeatedOnesIncluded() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("X-Arango-Queue-Time-Seconds", "0.000012").withHeader("X-Many", "1", "2", "3")));

        TransportResponse response = await(session().send(new TransportRequest(HttpMethod.GET, "/", Headers.empty()
                .with("Accept", "application/json").with("X-Repeat", "one").with("X-Repeat", "two"), null)));

        assertThat(response.headers().first("x-arango-queue-time-seconds")).hasValue("0.000012");
        assertThat(response.headers().all("X-MANY")).containsExactly("1", "2", "3");
        LoggedRequest received = onlyRequest();
        assertThat(received.getHeader("Accept")).isEqualTo("application/json");
        assertThat(received.getHeaders().getHeader("X-Repeat").values()).containsExactly("one", "two");
    }

    /**
     * A client sends many requests with one {@link Headers} object (a database's), and a transport may build
     * what it writes once for them: each request still carries exactly its own headers, whatever came before.
     */
    @Test
    void requestsThatShareHeadersAndThoseThatDoNotEachCarryTheirOwn() {
        answer(200, "{}");
        HttpSession session = session();
        Headers shared = Headers.empty().with("Authorization", "Basic cm9vdDpwYXNzd2Q=").with("X-Route", "shared");
        Headers other = Headers.empty().with("X-Route", "other");

        for (TransportRequest request : List.of(new TransportRequest(HttpMethod.GET, "/1", shared, null),
                new TransportRequest(HttpMethod.GET, "/2", shared, null),
                new TransportRequest(HttpMethod.DELETE, "/3", other, null),
                new TransportRequest(HttpMethod.GET, "/4", shared, null),
                new TransportRequest(HttpMethod.POST, "/5", shared, null),
                new TransportRequest(HttpMethod.PUT, "/6", shared, "{}".getBytes(StandardCharsets.UTF_8)),
                new TransportRequest(HttpMethod.HEAD, "/7", shared, null))) {
            assertThat(await(session.send(request)).status()).isEqualTo(200);
        }

        List<LoggedRequest> received = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(received).extracting(LoggedRequest::getUrl)
                .containsExactly("/1", "/2", "/3", "/4", "/5", "/6", "/7");
        for (LoggedRequest request : received) {
            boolean isShared = !request.getUrl().equals("/3");
            assertThat(request.getHeaders().getHeader("X-Route").values()).as(request.getUrl())
                    .containsExactly(isShared ? "shared" : "other");
            assertThat(request.containsHeader("Authorization")).as(request.getUrl()).isEqualTo(isShared);
            if (!speaksHttp2()) { // HTTP/2 names the host in its :authority pseudo-header
                assertThat(request.getHeader("Host")).as(request.getUrl()).isEqualTo("127.0.0.1:" + server.port());
            }
        }
        assertThat(received.get(5).getBodyAsString()).isEqualTo("{}");
        if (!speaksHttp2()) {
            assertThat(received.get(4).getHeader("Content-Length")).as("a POST without a body").isEqualTo("0");
            assertThat(received.get(5).getHeader("Content-Length")).isEqualTo("2");
        }
    }

    @Test
    void statusesAndBodiesPassThroughUntouched() {
        HttpSession session = session();
        for (int status : List.of(200, 201, 202, 400, 401, 403, 404, 409, 412, 500, 501, 503)) {
            String body = "{\"error\":" + (status >= 400) + ",\"code\":" + status + "}";
            answer(status, body);

            TransportResponse response = await(session.send(get("/s")));

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.bodyAsString()).isEqualTo(body);
        }
    }

    @Test
    void noContentAndEmptyBodies() {
        HttpSession session = session();
        server.stubFor(any(urlEqualTo("/204")).willReturn(aResponse().withStatus(204)));
        server.stubFor(any(urlEqualTo("/empty")).willReturn(aResponse().withStatus(200)));

        assertThat(await(session.send(get("/204")))).satisfies(r -> {
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.bodyLength()).isZero();
        });
        assertThat(await(session.send(get("/empty"))).bodyLength()).isZero();
    }

    @Test
    void aChunkedResponseArrivesWhole() {
        String body = "0123456789".repeat(1000);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)
                .withChunkedDribbleDelay(10, 200)));

        assertThat(await(session().send(get("/chunked"))).bodyAsString()).isEqualTo(body);
    }

    @Test
    void aTenMebibyteResponseArrivesWhole() {
        byte[] body = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(body);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

        TransportResponse response = await(session().send(get("/big")));

        assertThat(response.bodyLength()).isEqualTo(body.length);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void aResponseOverTheLimitFailsClearlyAndEndsItsExchange() throws Exception {
        ConnectionCountingProxy proxy = proxy();
        server.stubFor(any(urlEqualTo("/declared")).willReturn(aResponse().withStatus(200)
                .withBody(new byte[2 * 1024 * 1024])));
        server.stubFor(any(urlEqualTo("/chunked")).willReturn(aResponse().withStatus(200)
                .withBody(new byte[2 * 1024 * 1024]).withChunkedDribbleDelay(4, 100)));
        server.stubFor(any(urlEqualTo("/small")).willReturn(aResponse().withStatus(200).withBody("fine")));
        Host proxied = hostOf(proxy);
        HttpSession session = transport(options().maxResponseBytes(1024 * 1024).maxConnectionsPerHost(1).build())
                .openSession(proxied);

        for (String path : List.of("/declared", "/chunked")) {
            assertThat(failure(session.send(get(path)))).isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                assertThat(e.host()).isEqualTo(proxied);
                assertThat(e.limit()).isEqualTo(1024 * 1024);
            }).hasMessageContaining("response larger than the limit of 1048576 bytes");

            assertThat(await(session.send(get("/small"))).bodyAsString()).isEqualTo("fine");
        }
        // Over HTTP/1.1 the unread rest of the answer makes the connection useless: it is closed. Over HTTP/2
        // the stream is reset and the connection carries on.
        eventually("at most one connection left open", () -> proxy.openConnections() <= 1);
        if (speaksHttp2()) {
            assertThat(proxy.acceptedConnections()).as("connections opened").isEqualTo(1);
        }
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
