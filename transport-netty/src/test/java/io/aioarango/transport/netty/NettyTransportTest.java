package io.aioarango.transport.netty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.PoolStats;
import io.aioarango.transport.spi.TransportOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the netty transport adds to the shared contract: native I/O, your own event loops, idle eviction, TLS. */
class NettyTransportTest {
    static {
        NettyLeaks.install();
    }

    private WireMockServer server;
    private Host host;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
        host = new Host("http", "127.0.0.1", server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        assertThat(NettyLeaks.reports()).isEmpty();
    }

    private static TransportResponse get(HttpSession session) throws Exception {
        return session.send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(), null)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void usesNativeEpollOnLinux() {
        try (NettyTransport transport = NettyTransport.builder(TransportOptions.defaults()).build()) {
            assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();
            assertThat(transport.channelType()).isEqualTo(EpollSocketChannel.class);
        }
    }

    @Test
    void aGroupPassedInServesTheSessionsAndIsNeverClosed() throws Exception {
        EventLoopGroup mine = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            NettyTransport transport = NettyTransport.builder(TransportOptions.defaults())
                    .eventLoopGroup(mine, NioSocketChannel.class).build();
            assertThat(get(transport.openSession(host)).bodyAsString()).isEqualTo("ok");

            transport.close();

            assertThat(mine.isShuttingDown()).isFalse();
            assertThatThrownBy(() -> transport.openSession(host)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("The netty transport is closed; no session can be opened for " + host);
        } finally {
            mine.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (NettyTransport transport = NettyTransport.builder(TransportOptions.builder()
                .idleTimeout(Duration.ofMillis(300)).build()).build()) {
            HttpSession session = transport.openSession(host);
            get(session);
            assertThat(session.poolStats().orElseThrow().idle() + session.poolStats().orElseThrow().active())
                    .as("one connection, returning to the pool").isEqualTo(1);

            eventually("closed after 300 ms idle", () -> session.poolStats().orElseThrow().equals(new PoolStats(0, 0, 0)));
            assertThat(get(session).bodyAsString()).as("a new connection replaces it").isEqualTo("ok");
        }
    }

    @Test
    void closingLeavesNettysSharedExecutorFree() throws Exception {
        NettyTransport transport = NettyTransport.builder(TransportOptions.defaults()).build();
        get(transport.openSession(host)); // leaves an idle connection in the pool
        // Keep the shared thread busy until the transport has closed, so that anything the close hands it
        // runs after the event loops have stopped, as happens when it is slow to start.
        CountDownLatch closed = new CountDownLatch(1);
        GlobalEventExecutor.INSTANCE.execute(() -> awaitUninterruptibly(closed));

        transport.close();
        closed.countDown();

        // FixedChannelPool.close() would wait on this JVM-wide thread for a connection of a stopped loop.
        assertThat(GlobalEventExecutor.INSTANCE.submit(() -> "free").get(2, TimeUnit.SECONDS)).isEqualTo("free");
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void badBuilderSettingsAreNamed() {
        assertThatThrownBy(() -> NettyTransport.builder(TransportOptions.defaults()).ioThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ioThreads 0 is not accepted; use 1 or more");
    }

    /** A WireMock server on https whose certificate names {@code localhost} only, made with keytool. */
    static final class TlsServer implements AutoCloseable {
        final WireMockServer server;
        final X509Certificate certificate;

        TlsServer(Path dir) throws Exception {
            this(dir, true);
        }

        /** @param http2 whether the server offers h2 in ALPN besides http/1.1 */
        TlsServer(Path dir, boolean http2) throws Exception {
            Path keystore = dir.resolve("server.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, "changeit".toCharArray());
            }
            certificate = (X509Certificate) store.getCertificate("server");
            server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                    .keystorePath(keystore.toString()).keystorePassword("changeit").keyManagerPassword("changeit")
                    .keystoreType("PKCS12").http2TlsDisabled(!http2));
            server.start();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("secure")));
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    @Test
    void tlsVerifiesTheCertificateAndTheHostName(@TempDir Path dir) throws Exception {
        try (TlsServer tls = new TlsServer(dir)) {
            SslContext trustingIt = SslContextBuilder.forClient().trustManager(tls.certificate).build();
            try (NettyTransport transport = NettyTransport.builder(TransportOptions.builder()
                    .connectTimeout(Duration.ofSeconds(5)).build()).sslContext(trustingIt).build()) {
                int port = tls.server.httpsPort();

                assertThat(get(transport.openSession(new Host("https", "localhost", port))).bodyAsString())
                        .isEqualTo("secure");

                // The same server by IP: the certificate does not name 127.0.0.1.
                Host byIp = new Host("https", "127.0.0.1", port);
                CompletableFuture<TransportResponse> refused = transport.openSession(byIp)
                        .send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(), null));
                assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(ArangoConnectionException.class, e -> {
                            assertThat(e.host()).isEqualTo(byIp);
                            assertThat(e.requestSent()).isFalse();
                        }).hasMessageStartingWith(byIp + ": TLS handshake failed");
            }
        }
    }

    @Test
    void byDefaultAServerTheJdkDoesNotTrustIsRefused(@TempDir Path dir) throws Exception {
        try (TlsServer tls = new TlsServer(dir);
                NettyTransport transport = NettyTransport.builder(TransportOptions.defaults()).build()) {
            Host localhost = new Host("https", "localhost", tls.server.httpsPort());
            CompletableFuture<TransportResponse> refused = transport.openSession(localhost)
                    .send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(), null));

            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(ArangoConnectionException.class)
                    .hasMessageStartingWith(localhost + ": TLS handshake failed");
            assertThat(tls.server.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void sessionsOfOneTransportShareItsThreads() throws Exception {
        WireMockServer other = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        other.start();
        other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("other")));
        try (NettyTransport transport = NettyTransport.builder(TransportOptions.defaults()).ioThreads(1).build()) {
            long before = threadsNamed("aioarango-netty-");
            for (Host each : List.of(host, new Host("http", "127.0.0.1", other.port()))) {
                get(transport.openSession(each));
            }
            assertThat(threadsNamed("aioarango-netty-") - before)
                    .as("one I/O thread, one resolver thread, one deadline timer").isLessThanOrEqualTo(3);
        } finally {
            other.stop();
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }
}
