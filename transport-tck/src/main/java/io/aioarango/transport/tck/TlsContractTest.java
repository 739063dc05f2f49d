package io.aioarango.transport.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.TlsSettings;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import io.aioarango.transport.spi.TransportRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS as every transport speaks it through {@link TlsSettings}, against WireMock on {@code https} with
 * certificates made by {@code keytool} for the test: the server's names {@code localhost} only, so that
 * {@code 127.0.0.1} is the wrong host name. A transport module extends it and supplies its provider.
 */
public abstract class TlsContractTest {
    private static final String PASSWORD = "changeit";
    @TempDir
    static Path dir;
    private static KeyStore serverKeys;
    private static KeyStore clientKeys;
    private static Path serverKeystore;
    private static Path clientTruststore;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** For a transport module's subclass, which supplies {@link #provider()}. */
    protected TlsContractTest() {
    }

    /**
     * The transport under test.
     *
     * @return its provider
     */
    protected abstract TransportProvider provider();

    @BeforeAll
    static void makeCertificates() throws Exception {
        serverKeystore = dir.resolve("server.p12");
        serverKeys = keypair(serverKeystore, "CN=localhost", "SAN=dns:localhost");
        Path clientKeystore = dir.resolve("client.p12");
        clientKeys = keypair(clientKeystore, "CN=aioarango-client", null);
        // What the server trusts: the client's certificate alone.
        clientTruststore = dir.resolve("client-trust.p12");
        KeyStore trust = trusting(clientKeys);
        try (OutputStream out = Files.newOutputStream(clientTruststore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }

    private static KeyStore keypair(Path file, String name, String extension) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "key", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", name, "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD));
        if (extension != null) {
            command.addAll(List.of("-ext", extension));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** A trust store holding the certificate of {@code keys}. */
    private static KeyStore trusting(KeyStore keys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", keys.getCertificate("key"));
        return trust;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private WireMockServer server(boolean needClientCertificate) {
        WireMockConfiguration config = wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .keystorePath(serverKeystore.toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                .keystoreType("PKCS12");
        if (needClientCertificate) {
            config.needClientAuth(true).trustStorePath(clientTruststore.toString()).trustStorePassword(PASSWORD)
                    .trustStoreType("PKCS12");
        }
        WireMockServer server = new WireMockServer(config);
        server.start();
        closeables.add(server::stop);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("secure")));
        return server;
    }

    private CompletableFuture<TransportResponse> get(TlsSettings tls, Host host) {
        Transport transport = provider().create(TransportOptions.builder().tls(tls)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build());
        closeables.add(transport::close);
        return transport.openSession(host).send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(), null));
    }

    private static Host localhost(WireMockServer server) {
        return new Host("https", "localhost", server.httpsPort());
    }

    private static String body(CompletableFuture<TransportResponse> future) throws Exception {
        return future.get(15, TimeUnit.SECONDS).bodyAsString();
    }

    /** The failure: the SDK's, naming the host, saying nothing was sent, and that TLS was the cause. */
    private static void assertTlsFailure(CompletableFuture<TransportResponse> future, Host host) throws Exception {
        try {
            TransportResponse response = future.get(15, TimeUnit.SECONDS);
            throw new AssertionError("expected a TLS failure, got " + response.status());
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(ArangoConnectionException.class, failure -> {
                assertThat(failure.host()).isEqualTo(host);
                assertThat(failure.requestSent()).isFalse();
                assertThat(failure.getMessage()).startsWith(host.toString()).containsIgnoringCase("TLS");
            });
        }
    }

    @Test
    void aServerTheTrustStoreVouchesForIsSpokenTo() throws Exception {
        WireMockServer server = server(false);

        assertThat(body(get(TlsSettings.builder().trustStore(trusting(serverKeys)).build(), localhost(server))))
                .isEqualTo("secure");
    }

    @Test
    void byDefaultAServerTheJdkDoesNotTrustIsRefusedNamingTheHost() throws Exception {
        WireMockServer server = server(false);

        assertTlsFailure(get(TlsSettings.defaults(), localhost(server)), localhost(server));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCertificateForAnotherNameIsRefusedUnlessHostNamesAreNotVerified() throws Exception {
        WireMockServer server = server(false);
        Host byAddress = new Host("https", "127.0.0.1", server.httpsPort()); // the certificate names localhost

        assertTlsFailure(get(TlsSettings.builder().trustStore(trusting(serverKeys)).build(), byAddress), byAddress);
        assertThat(body(get(TlsSettings.builder().trustStore(trusting(serverKeys)).verifyHostnames(false).build(),
                byAddress))).isEqualTo("secure");
    }

    @Test
    void mutualTlsWorksWithTheClientCertificateAndFailsWithout() throws Exception {
        WireMockServer server = server(true);
        TlsSettings.Builder trusted = TlsSettings.builder().trustStore(trusting(serverKeys));

        assertThat(body(get(TlsSettings.builder().trustStore(trusting(serverKeys))
                .clientCertificate(clientKeys, PASSWORD.toCharArray()).build(), localhost(server)))).isEqualTo("secure");
        CompletableFuture<TransportResponse> without = get(trusted.build(), localhost(server));
        try {
            without.get(15, TimeUnit.SECONDS);
            throw new AssertionError("expected the server to refuse a client without a certificate");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ArangoConnectionException.class)
                    .hasMessageStartingWith(localhost(server).toString());
        }
    }

    @Test
    void insecureTrustAllAcceptsAnyCertificate() throws Exception {
        WireMockServer server = server(false);
        Host byAddress = new Host("https", "127.0.0.1", server.httpsPort());

        assertThat(body(get(TlsSettings.builder().insecureTrustAll().build(), byAddress))).isEqualTo("secure");
    }
}
