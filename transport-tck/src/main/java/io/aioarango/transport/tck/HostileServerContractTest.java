package io.aioarango.transport.tck;

import static io.aioarango.transport.tck.Waiting.eventually;
import static io.aioarango.transport.tck.WatchedRequest.assertNoConnectionLeft;
import static io.aioarango.transport.tck.WatchedRequest.assertSentAndFailedAtOnce;
import static io.aioarango.transport.tck.WatchedRequest.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Headers;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every transport does with answers no sane server sends, written once against {@link HostileServer}.
 * Whatever the answer, the caller's future ends exactly once, with one of the SDK's exceptions (never a
 * parser's or socket's own), in time, and no connection is left open. A transport module runs it by
 * extending this class and returning its provider, as with {@link TransportContractTest}:
 *
 * <pre>{@code
 * class NettyHostileServerContractTest extends HostileServerContractTest {
 *     protected TransportProvider provider() { return new NettyTransportProvider(); }
 * }
 * }</pre>
 *
 * <p>One case runs {@link LargeAnswerProbe} in a child JVM with a 96 MiB heap, on the test class path
 * ({@code surefire.test.class.path}); the provider must have a public no-argument constructor.
 */
public abstract class HostileServerContractTest {
    /** Long, so that failures meant to be immediate cannot pass by timing out. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    /** What "at once" means: well before {@link #REQUEST_TIMEOUT}, with room for a slow machine. */
    static final Duration AT_ONCE = Duration.ofSeconds(3);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();

    /** For a transport module's subclass, which supplies {@link #provider()}. */
    protected HostileServerContractTest() {
    }

    /**
     * The transport under test.
     *
     * @return the provider of the transport under test; called for each transport a test creates
     */
    protected abstract TransportProvider provider();

    /**
     * Whether closing the transport closes its idle keep-alive connections at once; if not, they must close
     * once the garbage collector has run. java.net.http before Java 21 has no way to close its client
     * ({@code HttpClient.shutdownNow()}): they go when it is collected. Connections of failed exchanges must
     * close at once in any case.
     *
     * @return {@code true}, the default, to require that idle connections close at once on close;
     *         {@code false} to allow them to close after garbage collection
     */
    protected boolean closeClosesIdleConnections() {
        return true;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /**
     * The options the suite's transports start from; a test changes single settings on top.
     *
     * @return a new builder with a 2 s connect timeout and an 8 s request timeout, long enough that a
     *         failure meant to be immediate cannot pass by timing out
     */
    protected TransportOptions.Builder options() {
        return TransportOptions.builder().connectTimeout(Duration.ofSeconds(2)).requestTimeout(REQUEST_TIMEOUT);
    }

    private HostileServer server(HostileServer.Script script) throws IOException {
        HostileServer server = HostileServer.start(script);
        toClose.add(server);
        return server;
    }

    private Transport transport(TransportOptions options) {
        Transport transport = provider().create(options);
        toClose.add(transport);
        transports.add(transport);
        return transport;
    }

    private HttpSession session(HostileServer server) {
        return session(server, options().build());
    }

    private HttpSession session(HostileServer server, TransportOptions options) {
        return transport(options).openSession(server.host());
    }

    /** For a connection legitimately kept for reuse: closing the transport closes it. */
    private void assertClosingTheTransportLeavesNoConnection(HostileServer server) {
        transports.forEach(Transport::close);
        if (closeClosesIdleConnections()) {
            assertNoConnectionLeft(server);
        } else {
            eventually(() -> "the idle connections closed once the closed transport was collected: " + server, () -> {
                System.gc();
                return server.openConnections() == 0;
            });
        }
    }

    private static String headers(int bytes) {
        // Headers of 1000 bytes each (name and value), the last one making up the rest.
        StringBuilder headers = new StringBuilder();
        int left = bytes;
        for (int i = 0; left > 0; i++) {
            String name = String.format("X-Filler-%05d", i);
            int value = Math.min(1000, left) - name.length();
            headers.append(name).append(": ").append("v".repeat(Math.max(1, value))).append("\r\n");
            left -= name.length() + Math.max(1, value);
        }
        return headers.toString();
    }

    // ---- stalled, truncated, broken bodies --------------------------------------------------------

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOutWithinTheRequestTimeout() throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
            exchange.stall();
        });
        Duration timeout = Duration.ofMillis(500);
        WatchedRequest request = send(session(server, options().requestTimeout(timeout).build()), "/stalled");

        assertThat(request.failure()).isInstanceOfSatisfying(ArangoTimeoutException.class, e -> {
            assertThat(e.host()).isEqualTo(server.host());
            assertThat(e.timeout()).isEqualTo(timeout);
        });
        assertThat(request.took()).isBetween(timeout.minusMillis(50), timeout.plusMillis(2000));
        assertNoConnectionLeft(server);
        request.assertCompletedOnce();
    }

    @Test
    void aBodyCutShortByTheServerClosingFails() throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            exchange.close();
        });

        assertSentAndFailedAtOnce(send(session(server), "/truncated"), server);
    }

    @Test
    void aConnectionResetMidAnswerFails() throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100));
            exchange.reset();
        });

        assertSentAndFailedAtOnce(send(session(server), "/reset"), server);
    }

    @Test
    void aServerThatClosesWithoutAnsweringFails() throws Exception {
        HostileServer server = server(HostileServer.Exchange::close);

        assertSentAndFailedAtOnce(send(session(server), "/unanswered"), server);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "-5", "fffffffffffffffffffffff"})
    void aBadChunkSizeFailsAsAnInvalidResponse(String chunkSize) throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n" + chunkSize
                    + "\r\nworld\r\n0\r\n\r\n");
            exchange.stall(); // the connection is the client's to close
        });

        ArangoConnectionException failure = assertSentAndFailedAtOnce(send(session(server), "/chunks"), server);

        assertThat(failure).hasMessageContaining("invalid response").hasMessageContaining("chunk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999", "-1", "12abc", "5, 6"})
    void anAbsurdContentLengthFailsAsAnInvalidResponse(String contentLength) throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.1 200 OK\r\nContent-Length: " + contentLength + "\r\n\r\nhello");
            exchange.stall();
        });

        ArangoConnectionException failure = assertSentAndFailedAtOnce(send(session(server), "/length"), server);

        assertThat(failure).hasMessageContaining("invalid response").hasMessageContaining("Content-Length");
    }

    @Test
    void aDeclaredLengthOverTheLimitFailsAtOnceWithoutReadingTheBody() throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.1 200 OK\r\nContent-Length: " + (2 * 1024 * 1024) + "\r\n\r\n");
            exchange.stall(); // nothing more comes: only the declared length can tell
        });
        WatchedRequest request = send(session(server, options().maxResponseBytes(1024 * 1024).build()), "/large");

        assertThat(request.failure()).isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
            assertThat(e.limit()).isEqualTo(1024 * 1024);
            assertThat(e.limitName()).isEqualTo(ResponseTooLargeException.BODY_LIMIT);
        }).hasMessage(server.host() + ": response larger than the limit of 1048576 bytes (raise maxResponseBytes on "
                + "the builder)");
        assertThat(request.took()).isLessThan(AT_ONCE);
        assertNoConnectionLeft(server);
        request.assertCompletedOnce();
    }

    // ---- headers ----------------------------------------------------------------------------------

    @Test
    void headersOverTheLimitFailNamingTheHeaderLimitAndJustUnderItSucceed() throws Exception {
        int limit = 16 * 1024;
        HostileServer server = server(exchange -> {
            int size = exchange.requestLine().contains("/over") ? limit + 100 : limit - 100;
            exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + headers(size) + "\r\nok");
        });
        HttpSession session = session(server, options().maxResponseHeaderBytes(limit).build());

        WatchedRequest over = send(session, "/over");
        assertThat(over.failure()).isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
            assertThat(e.limit()).isEqualTo(limit);
            assertThat(e.limitName()).isEqualTo(ResponseTooLargeException.HEADER_LIMIT);
        }).hasMessage(server.host() + ": response headers larger than the limit of 16384 bytes (raise "
                + "maxResponseHeaderBytes on the builder)");
        assertThat(over.took()).isLessThan(AT_ONCE);
        assertNoConnectionLeft(server);
        over.assertCompletedOnce();

        WatchedRequest under = send(session, "/under");
        assertThat(under.response().bodyAsString()).isEqualTo("ok");
        assertThat(under.response().headers().first("x-filler-00000")).isPresent();
        under.assertCompletedOnce();
        assertClosingTheTransportLeavesNoConnection(server);
    }

    @Test
    void headersOverAnyParsersOwnLimitFailTheSameWay() throws Exception {
        // 400 KiB: past the default limit, and past java.net.http's own (jdk.http.maxHeaderSize, 384 KiB).
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + headers(400 * 1024) + "\r\nok");
            exchange.stall();
        });
        WatchedRequest request = send(session(server), "/huge");

        assertThat(request.failure()).isInstanceOf(ResponseTooLargeException.class)
                .hasMessage(server.host() + ": response headers larger than the limit of 65536 bytes (raise "
                        + "maxResponseHeaderBytes on the builder)");
        assertThat(request.took()).isLessThan(AT_ONCE);
        assertNoConnectionLeft(server);
        request.assertCompletedOnce();
    }

    // ---- not HTTP ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"SSH-2.0-OpenSSH_9.6\r\n", "\u0000\u00ff\u0013garbage\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n",
            "HTTP/1.1 99 Too Low\r\n\r\n"})
    void anAnswerThatIsNotHttpFailsAsAnInvalidResponse(String answer) throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send(answer);
            exchange.stall();
        });

        ArangoConnectionException failure = assertSentAndFailedAtOnce(send(session(server), "/what"), server);

        assertThat(failure).hasMessageContaining("invalid response");
    }

    // ---- HTTP/1.0 ---------------------------------------------------------------------------------

    @Test
    void anHttp10AnswerWithALengthSucceeds() throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            exchange.close(); // HTTP/1.0 closes after each answer unless asked to keep the connection
        });

        WatchedRequest request = send(session(server), "/old");

        assertThat(request.response().bodyAsString()).isEqualTo("hello");
        assertNoConnectionLeft(server);
        request.assertCompletedOnce();
    }

    @Test
    void anHttp10AnswerWithoutALengthEndsWhenTheServerCloses() throws Exception {
        String body = "until the end of the stream ".repeat(2000);
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + body);
            exchange.close();
        });

        WatchedRequest request = send(session(server), "/old");

        assertThat(request.response().bodyAsString()).isEqualTo(body);
        assertNoConnectionLeft(server);
        request.assertCompletedOnce();
    }

    // ---- informational answers --------------------------------------------------------------------

    @Test
    void informationalAnswersBeforeTheRealOneAreSkipped() throws Exception {
        HostileServer server = server(exchange -> exchange
                .send("HTTP/1.1 100 Continue\r\n\r\n")
                .send("HTTP/1.1 102 Processing\r\n\r\n")
                .send("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
                .send("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nX-Real: yes\r\n\r\nreal"));
        HttpSession session = session(server);

        for (int i = 0; i < 3; i++) { // the connection stays in step for the next request
            WatchedRequest request = send(session, "/informational");
            TransportResponse response = request.response();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().first("x-real")).hasValue("yes");
            assertThat(response.bodyAsString()).isEqualTo("real");
            request.assertCompletedOnce();
        }
        assertThat(server.acceptedConnections()).as("one connection, kept in step").isEqualTo(1);
        assertClosingTheTransportLeavesNoConnection(server);
    }

    @Test
    void switchingProtocolsUnaskedFailsAtOnce() throws Exception {
        HostileServer server = server(exchange -> {
            exchange.send("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                    + "\u0000\u0000\u0012\u0004");
            exchange.stall();
        });

        ArangoConnectionException failure = assertSentAndFailedAtOnce(send(session(server), "/upgrade"), server);

        assertThat(failure).hasMessageContaining("invalid response").hasMessageContaining("101");
    }

    /**
     * Closing fails the requests that wait for a connection, and none of them starts on the way: the slots
     * the failing exchanges free must not hand a queued request a connection.
     */
    @Test
    void closingStartsNoneOfTheQueuedRequests() throws Exception {
        HostileServer server = server(HostileServer.Exchange::stall);
        Transport transport = transport(options().maxConnectionsPerHost(2).build());
        HttpSession session = transport.openSession(server.host());
        List<WatchedRequest> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            requests.add(send(session, "/queued/" + i));
        }
        Waiting.eventually("the first two requests reached the server", () -> server.requestsReceived() == 2);

        transport.close();

        for (WatchedRequest request : requests) {
            assertThat(request.failure()).isInstanceOf(ArangoConnectionException.class);
        }
        assertThat(server.acceptedConnections()).as("connections opened, before and during the close").isEqualTo(2);
        assertThat(server.requestsReceived()).isEqualTo(2);
    }

    // ---- memory -----------------------------------------------------------------------------------

    /**
     * An answer of 120 MiB, within the default 128 MiB limit, in a 96 MiB heap: it cannot fit, so the
     * future must fail with the SDK's exception, never hang. Run in a child JVM, so that this JVM's heap
     * stays whatever it is.
     */
    @Test
    void anAnswerLargerThanTheHeapCompletesExceptionallyInsteadOfNever() throws Exception {
        String javaHome = System.getProperty("java.home");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // The child writes to a file, not a pipe: a pipe nobody reads while waiting could fill and stall it.
        Path log = Files.createTempFile("large-answer-probe", ".log");
        String output;
        int exitValue;
        try {
            Process child = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(), "-Xmx96m", "-Xss512k",
                    "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true", "-cp", classPath,
                    LargeAnswerProbe.class.getName(), provider().getClass().getName(),
                    String.valueOf(120L * 1024 * 1024))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly().waitFor();
            }
            output = Files.readString(log);
            assertThat(exited).as("the child exited in time; it said:%n%s", output).isTrue();
            exitValue = child.exitValue();
        } finally {
            Files.deleteIfExists(log);
        }

        assertThat(output).as("the child's output").contains(
                "declared: " + LargeAnswerProbe.FAILED_WITH_SDK_EXCEPTION,
                "chunked: " + LargeAnswerProbe.FAILED_WITH_SDK_EXCEPTION);
        assertThat(exitValue).as("exit code; the child said:%n%s", output).isZero();
        assertThat(output).as("the answer did not fit the heap").contains("does not fit in the memory left");
    }
}
