package io.aioarango.transport.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the cases of {@link TransportContractTest} stand on: the WireMock server on 127.0.0.1, the transports a
 * test creates (closed after it), the protocol mode and the helpers that send and wait. A transport module does
 * not extend this class itself: it extends {@link TransportContractTest}, which holds every case.
 */
public abstract class TransportContractFixture {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The WireMock server on 127.0.0.1, started before each test and stopped after it. */
    protected WireMockServer server;
    /** {@link #server} as a coordinator: {@code http://127.0.0.1:port}. */
    protected Host host;
    private final List<Transport> transports = new ArrayList<>();
    final List<AutoCloseable> closeables = new ArrayList<>();

    /** For a transport module's subclass, which supplies {@link #provider()}. */
    protected TransportContractFixture() {
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
    static WireMockConfiguration onLoopback() {
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

    /** A proxy in front of {@link #server} that counts connections, closed after the test. */
    ConnectionCountingProxy proxy() throws IOException {
        ConnectionCountingProxy proxy = new ConnectionCountingProxy(server.port());
        closeables.add(proxy);
        return proxy;
    }

    static Host hostOf(ConnectionCountingProxy proxy) {
        return new Host("http", "127.0.0.1", proxy.port());
    }

    /** Answers every request with this status and body. */
    void answer(int status, String body) {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    /** Answers requests for {@code path} with 200 after a delay. */
    void answerSlowly(String path, int delayMillis) {
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
        return Waiting.result(future, WAIT);
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

    /** The one request WireMock received; fails unless there is exactly one. */
    LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

}
