package io.aioarango.transport.tck;

import static io.aioarango.transport.tck.TransportContractFixture.await;
import static io.aioarango.transport.tck.TransportContractFixture.failure;
import static io.aioarango.transport.tck.TransportContractFixture.get;
import static io.aioarango.transport.tck.Waiting.eventually;
import static io.aioarango.transport.tck.Http2Exchanges.assertEachAnswersItsPath;
import static io.aioarango.transport.tck.Http2Exchanges.assertEachOnce;
import static io.aioarango.transport.tck.Http2Exchanges.getAll;
import static io.aioarango.transport.tck.Http2Exchanges.paths;
import static io.aioarango.transport.tck.Http2Exchanges.post;
import static io.aioarango.transport.tck.Http2Exchanges.sha256;
import static io.aioarango.transport.tck.Http2Exchanges.warmUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.api.HttpProtocol;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a transport does over HTTP/2 that HTTP/1.1 has no counterpart for, written once against
 * {@link H2TestServer} (cleartext HTTP/2 with prior knowledge on 127.0.0.1): many requests on one
 * connection, a GOAWAY, a reset stream, the server's stream limit, flow control, cancellation and timeouts
 * of one stream, PINGs. A transport that speaks HTTP/2 to {@code http://} coordinators runs it by extending
 * this class and returning its provider, as with {@link TransportContractTest}; it runs the whole
 * {@link TransportContractTest} over HTTP/2 as well.
 *
 * <p>Every case waits for conditions, never for a guessed time, and no case asserts how long anything took.
 */
public abstract class Http2ContractTest {
    private static final int TEN_MEBIBYTES = 10 * 1024 * 1024;
    /**
     * The request timeout of the cases that move much, which are no tests of speed: in a JVM not yet warmed
     * up, on a busy machine, with every buffer tracked, they can take seconds.
     */
    private static final Duration UNHURRIED = Duration.ofSeconds(20);

    /** The HTTP/2 server on 127.0.0.1, started before each test and closed after it. */
    protected H2TestServer server;
    /** {@link #server} as a coordinator: {@code http://127.0.0.1:port}. */
    protected Host host;
    private final List<Transport> transports = new ArrayList<>();

    /** For a transport module's subclass, which supplies {@link #provider()}. */
    protected Http2ContractTest() {
    }

    /**
     * The transport under test.
     *
     * @return the provider of the transport under test; called for each transport a test creates
     */
    protected abstract TransportProvider provider();

    @BeforeEach
    void startServer() {
        server = H2TestServer.start();
        host = server.host();
    }

    @AfterEach
    void stopEverything() {
        transports.forEach(Transport::close);
        server.close();
    }

    /**
     * Options for HTTP/2 with short timeouts, so that a hanging test fails fast; a test changes single
     * settings on top.
     *
     * @return a new builder with {@link HttpProtocol#H2}, a 2 s connect timeout and a 5 s request timeout
     */
    protected TransportOptions.Builder options() {
        return TransportOptions.builder().protocol(HttpProtocol.H2).connectTimeout(Duration.ofSeconds(2))
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

    private HttpSession session(TransportOptions.Builder options) {
        return transport(options.build()).openSession(host);
    }

    // ---- multiplexing -----------------------------------------------------------------------------

    @Test
    void aThousandConcurrentRequestsShareOneConnectionEachWithItsOwnAnswer() {
        // Held until all of them are open at once: they are concurrent on the wire, not merely in the caller.
        server.maxConcurrentStreams(1000).hold("/c/");
        HttpSession session = session(options().requestTimeout(UNHURRIED));
        AtomicInteger completions = new AtomicInteger();
        List<String> paths = paths("/c/", 1000);

        List<CompletableFuture<TransportResponse>> futures = getAll(session, paths, completions);
        eventually(() -> "1000 streams open at once; open: " + server.activeStreams(),
                () -> server.activeStreams() == 1000);
        server.release();

        assertEachAnswersItsPath(paths, futures);
        assertThat(completions).hasValue(1000);
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
        assertThat(server.maxConcurrentStreamsSeen()).isEqualTo(1000);
    }

    @Test
    void aGoAwayInTheMiddleOfABurstLosesNothingAndRepeatsNothing() {
        // Each connection goes away after its 80th stream, as servers that recycle connections do: the streams
        // the client opened above it were never processed, and are sent again on a new connection although they
        // are POSTs. 200 requests need at least 3 connections; none needs to be sent more than 3 times.
        server.goAwayAfter(80);
        HttpSession session = session(options().requestTimeout(UNHURRIED));
        AtomicInteger completions = new AtomicInteger();
        List<String> paths = paths("/g/", 200);
        List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();

        for (String path : paths) {
            byte[] body = ("{\"request\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
            futures.add(session.send(post(path, body)).whenComplete((response, failure) -> completions.incrementAndGet()));
        }

        assertEachAnswersItsPath(paths, futures);
        for (int i = 0; i < paths.size(); i++) {
            String expectedBody = "{\"request\":\"" + paths.get(i) + "\"}";
            assertThat(await(futures.get(i)).headers().first("x-body-sha256"))
                    .hasValue(sha256(expectedBody.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(completions).hasValue(200);
        assertEachOnce("requests the server processed", server.received(), paths);
        assertEachOnce("requests the server answered", server.answered(), paths);
        assertThat(server.acceptedConnections()).as("connections opened").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aResetStreamFailsOnlyItsRequestAndTheConnectionCarriesOn() {
        server.resetStream("/reset").hold("/held/");
        HttpSession session = session(options());
        warmUp(session);
        AtomicInteger completions = new AtomicInteger();
        List<String> paths = paths("/held/", 10);
        List<CompletableFuture<TransportResponse>> held = getAll(session, paths, completions);
        eventually("the held requests reached the server", () -> server.activeStreams() == 10);

        Throwable failure = failure(session.send(get("/reset")));

        assertThat(failure).isInstanceOfSatisfying(ArangoConnectionException.class, e -> {
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.requestSent()).as("the server may have acted on it").isTrue();
        }).hasMessageStartingWith(host.toString());
        assertThat(held).noneMatch(CompletableFuture::isDone);
        server.release();
        assertEachAnswersItsPath(paths, held);
        assertThat(completions).hasValue(10);
        assertThat(await(session.send(get("/after"))).bodyAsString()).isEqualTo("/after");
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
    }

    // ---- the server's stream limit ----------------------------------------------------------------

    @Test
    void aServerThatAllowsEightStreamsGetsMoreConnectionsNeverMoreStreams() {
        server.maxConcurrentStreams(8).hold("/s/");
        HttpSession session = session(options().maxConnectionsPerHost(4));
        AtomicInteger completions = new AtomicInteger();
        List<String> paths = paths("/s/", 64);

        List<CompletableFuture<TransportResponse>> futures = getAll(session, paths, completions);
        // 64 requests wait: every stream of every connection allowed fills up.
        eventually(() -> "4 connections with 8 streams each; streams per connection: "
                + server.streamsPerConnection() + ", open: " + server.activeStreams(),
                () -> server.activeStreams() == 32);
        server.release();

        assertEachAnswersItsPath(paths, futures);
        assertThat(completions).hasValue(64);
        assertThat(server.acceptedConnections()).as("connections opened; streams of each: %s",
                server.streamsPerConnection()).isEqualTo(4);
        assertThat(server.maxConcurrentStreamsSeen()).as("streams open at once on one connection").isEqualTo(8);
        assertThat(server.streamsOverLimit()).as("streams opened beyond the announced limit").isZero();
    }

    @Test
    void requestsBeyondEveryStreamWaitInTheBoundedQueue() {
        server.maxConcurrentStreams(8).hold("/held/");
        HttpSession session = session(options().maxConnectionsPerHost(1).maxPendingRequestsPerHost(10));
        warmUp(session);
        AtomicInteger completions = new AtomicInteger();
        List<String> paths = paths("/held/", 18);

        List<CompletableFuture<TransportResponse>> futures = getAll(session, paths.subList(0, 8), completions);
        eventually("8 streams open", () -> server.activeStreams() == 8);
        futures.addAll(getAll(session, paths.subList(8, 18), completions));
        Throwable nineteenth = failure(session.send(get("/held/18")));

        assertThat(nineteenth).isInstanceOfSatisfying(RequestQueueFullException.class, e -> {
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.maxPending()).isEqualTo(10);
        });
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        server.release();
        assertEachAnswersItsPath(paths, futures);
        assertThat(completions).hasValue(18);
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
        assertThat(server.streamsOverLimit()).as("streams opened beyond the announced limit").isZero();
        assertThat(server.received()).doesNotContainKey("/held/18");
    }

    // ---- flow control -----------------------------------------------------------------------------

    @Test
    void tenMebibyteBodiesCrossTheFlowControlWindowsWholeBothWays() {
        byte[] big = new byte[TEN_MEBIBYTES];
        new Random(42).nextBytes(big);
        server.body("/download", big);
        // The smallest window: the bodies need some 160 window updates each.
        HttpSession session = session(options().http2WindowBytes(TransportOptions.MIN_HTTP2_WINDOW_BYTES)
                .requestTimeout(UNHURRIED));
        AtomicInteger completions = new AtomicInteger();
        List<String> paths = paths("/small/", 20);

        CompletableFuture<TransportResponse> download = session.send(get("/download"));
        CompletableFuture<TransportResponse> upload = session.send(post("/upload", big));
        List<CompletableFuture<TransportResponse>> small = getAll(session, paths, completions);

        TransportResponse downloaded = await(download);
        assertThat(downloaded.bodyLength()).isEqualTo(TEN_MEBIBYTES);
        assertThat(downloaded.body()).isEqualTo(big);
        TransportResponse uploaded = await(upload);
        assertThat(uploaded.headers().first("x-body-length")).hasValue(String.valueOf(TEN_MEBIBYTES));
        assertThat(uploaded.headers().first("x-body-sha256")).hasValue(sha256(big));
        assertEachAnswersItsPath(paths, small);
        assertThat(completions).hasValue(20);
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
    }

    // ---- one stream ends, the others carry on -----------------------------------------------------

    @Test
    void cancellingARequestResetsOnlyItsStream() {
        server.hold("/held/");
        HttpSession session = session(options());
        warmUp(session);
        AtomicInteger completions = new AtomicInteger();
        List<String> kept = List.of("/held/a", "/held/c");
        CompletableFuture<TransportResponse> first = session.send(get("/held/a"))
                .whenComplete((response, failure) -> completions.incrementAndGet());
        CompletableFuture<TransportResponse> cancelled = session.send(get("/held/b"));
        CompletableFuture<TransportResponse> cancelledSeen = cancelled
                .whenComplete((response, failure) -> completions.incrementAndGet());
        CompletableFuture<TransportResponse> last = session.send(get("/held/c"))
                .whenComplete((response, failure) -> completions.incrementAndGet());
        eventually("the three requests reached the server", () -> server.activeStreams() == 3);

        cancelled.cancel(true);

        eventually(() -> "the server saw the cancelled stream reset; resets: " + server.resetsReceived(),
                () -> server.resetsReceived().contains("/held/b"));
        server.release();
        assertEachAnswersItsPath(kept, List.of(first, last));
        assertThat(cancelled).isCancelled();
        assertThat(failure(cancelledSeen)).isInstanceOf(CancellationException.class);
        assertThat(completions).hasValue(3);
        assertThat(server.resetsReceived()).as("streams the client reset").containsExactly("/held/b");
        assertThat(server.answered()).doesNotContainKey("/held/b");
        assertThat(await(session.send(get("/after"))).bodyAsString()).isEqualTo("/after");
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
    }

    @Test
    void aTimeoutFailsOnlyItsStream() {
        server.hold("/held/");
        // The JVM first, on a transport with the usual timeout: the session below has little time.
        warmUp(session(options()));
        Duration timeout = Duration.ofSeconds(2);
        HttpSession session = session(options().requestTimeout(timeout));
        warmUp(session);
        int connections = server.acceptedConnections();
        CompletableFuture<TransportResponse> slow = session.send(get("/held/slow"));
        eventually("the slow request reached the server", () -> server.activeStreams() == 1);
        AtomicInteger completions = new AtomicInteger();
        List<String> paths = paths("/quick/", 5);

        assertEachAnswersItsPath(paths, getAll(session, paths, completions));
        Throwable failure = failure(slow);

        assertThat(failure).isInstanceOfSatisfying(ArangoTimeoutException.class, e -> {
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.timeout()).isEqualTo(timeout);
        });
        assertThat(completions).hasValue(5);
        eventually(() -> "the server saw the timed-out stream reset; resets: " + server.resetsReceived(),
                () -> server.resetsReceived().contains("/held/slow"));
        assertThat(await(session.send(get("/after"))).bodyAsString()).isEqualTo("/after");
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(connections);
    }

    // ---- the connection ---------------------------------------------------------------------------

    @Test
    void closingTheTransportFailsInFlightRequestsAndClosesTheConnection() {
        server.hold("/held/");
        Transport transport = transport(options().build());
        HttpSession session = transport.openSession(host);
        AtomicInteger completions = new AtomicInteger();
        List<CompletableFuture<TransportResponse>> pending = getAll(session, paths("/held/", 3), completions);
        eventually("the requests reached the server", () -> server.activeStreams() == 3);

        transport.close();

        for (CompletableFuture<TransportResponse> future : pending) {
            assertThat(failure(future)).isInstanceOfSatisfying(ArangoConnectionException.class,
                    e -> assertThat(e.host()).isEqualTo(host));
        }
        assertThat(completions).hasValue(3);
        eventually("the server saw the connection closed", () -> server.openConnections() == 0);
        assertThat(failure(session.send(get("/after")))).isInstanceOf(ArangoConnectionException.class);
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
    }

    @Test
    void anIdleConnectionIsKeptAliveWithPings() {
        HttpSession session = session(options().http2PingInterval(Duration.ofMillis(100)));
        warmUp(session);

        eventually(() -> "the idle connection was pinged twice; PINGs: " + server.pingsReceived(),
                () -> server.pingsReceived() >= 2);

        assertThat(await(session.send(get("/after"))).bodyAsString()).isEqualTo("/after");
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
        assertThat(server.openConnections()).as("connections open").isEqualTo(1);
    }

    // ---- found in review ----------------------------------------------------------------------------

    @Test
    void aGoAwayWhileLargeBodiesAreStillGoingOutSendsThemAgainRatherThanFailingThem() {
        // Bodies larger than the server's stream window: their DATA still waits for WINDOW_UPDATEs when the
        // GOAWAY comes, and the old streams' writes then fail; the requests were never processed.
        server.goAwayAfter(2);
        HttpSession session = session(options());
        List<String> paths = paths("/large/", 6);
        List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();
        for (String path : paths) {
            futures.add(session.send(post(path, new byte[256 * 1024])));
        }

        assertEachAnswersItsPath(paths, futures);
        assertEachOnce("requests the server processed", server.received(), paths);
    }

    @Test
    void anAnswerBeforeTheUploadEndedFreesItsStream() {
        // The server answers on HEADERS and never reads the body: unless the client resets the stream, it
        // stays open with the client's data unsent, and with one stream allowed nothing else gets through.
        server.maxConcurrentStreams(1).answerEarly("/upload");
        HttpSession session = session(options().maxConnectionsPerHost(1));
        warmUp(session);

        assertThat(await(session.send(post("/upload", new byte[1024 * 1024]))).bodyAsString()).isEqualTo("/upload");
        assertThat(await(session.send(get("/next"))).bodyAsString()).isEqualTo("/next");
        assertThat(server.resetsReceived()).as("the client reset the upload's stream").hasSize(1);
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
    }

    @Test
    void headersOverTheLimitFailOnlyTheirStreamAsResponseTooLarge() {
        server.hold("/held/").bigHeader("/big", 400 * 1024); // over maxResponseHeaderBytes (64 KiB)
        HttpSession session = session(options());
        warmUp(session);
        CompletableFuture<TransportResponse> bystander = session.send(get("/held/1"));
        eventually("the held request reached the server", () -> server.activeStreams() == 1);

        assertThat(failure(session.send(get("/big")))).isInstanceOf(ResponseTooLargeException.class)
                .hasMessageContaining("maxResponseHeaderBytes");
        server.release();
        assertThat(await(bystander).bodyAsString()).isEqualTo("/held/1");
        assertThat(server.acceptedConnections()).as("connections opened").isEqualTo(1);
    }
}
