package io.aioarango.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportRequest;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the jdk transport does with each protocol mode where java.net.http decides. */
class JdkHttpProtocolTest {

    private static Transport transport(HttpProtocol protocol) {
        return new JdkTransportProvider().create(TransportOptions.builder().protocol(protocol).build());
    }

    @Test
    void h2OverCleartextFailsAtOpenSessionSayingWhatToUseInstead() {
        Host cleartext = new Host("http", "127.0.0.1", 8529);
        try (Transport transport = transport(HttpProtocol.H2)) {
            Throwable thrown = catchThrowable(() -> transport.openSession(cleartext));

            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            String message = thrown.getMessage().toLowerCase(Locale.ROOT);
            assertThat(message).as("says why, and what works instead: https, the netty transport")
                    .contains("java.net.http", "cleartext", "https", "netty");
            assertThat(message).as("names a protocol mode that works over http://").containsAnyOf("http1", "auto");
        }
    }

    @Test
    void h2OverTlsAndEveryModeOverCleartextOpenSessions() {
        try (Transport transport = transport(HttpProtocol.H2)) {
            // Opening a session connects nowhere yet: nothing listens there, and nothing need.
            HttpSession session = transport.openSession(new Host("https", "127.0.0.1", 8529));
            assertThat(session.host().scheme()).isEqualTo("https");
        }
        for (HttpProtocol protocol : new HttpProtocol[] {HttpProtocol.HTTP1, HttpProtocol.AUTO}) {
            try (Transport transport = transport(protocol)) {
                assertThat(transport.openSession(new Host("http", "127.0.0.1", 8529)).host().port()).isEqualTo(8529);
            }
        }
    }

    /** A keystore for {@code localhost}, made with keytool, and a client context trusting only it. */
    private static KeyStore keystore(Path file) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static SSLContext trusting(KeyStore server) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server.getCertificate("server"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    void h2OverTlsSpeaksHttp2WhereTheServerOffersItAndHttp11WhereItDoesNot(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("server.p12");
        KeyStore store = keystore(file);
        for (boolean offersH2 : new boolean[] {true, false}) {
            WireMockServer server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                    .bindAddress("127.0.0.1").keystorePath(file.toString()).keystorePassword("changeit")
                    .keyManagerPassword("changeit").keystoreType("PKCS12").http2TlsDisabled(!offersH2));
            server.start();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("secure")));
            try (JdkTransport transport = JdkTransport.withHttpClient(TransportOptions.builder()
                    .protocol(HttpProtocol.H2).build(), HttpClient.newBuilder().sslContext(trusting(store)))) {
                Host host = new Host("https", "localhost", server.httpsPort());
                var sent = transport.openSession(host).send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(),
                        null));
                // java.net.http falls back to HTTP/1.1 where the server offers no h2, and says so only once
                // the request was sent: the answer is then the caller's, not an error for what was processed.
                assertThat(sent.get(10, TimeUnit.SECONDS).bodyAsString()).isEqualTo("secure");
                assertThat(server.findAll(anyRequestedFor(anyUrl())).get(0).getProtocol())
                        .isEqualTo(offersH2 ? "HTTP/2.0" : "HTTP/1.1");
            } finally {
                server.stop();
            }
        }
    }
}
