package io.aioarango.spring.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.NoHostAvailableException;
import io.aioarango.api.Database;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** TLS from one of Boot's SSL bundles: a coordinator whose certificate only the bundle trusts. */
class ArangoTlsTest {
    private static final String PASSWORD = "changeit";
    @TempDir
    static Path dir;
    private static WireMockServer coordinator;
    private static Path truststore;

    @BeforeAll
    static void startTlsCoordinator() throws Exception {
        Path keystore = dir.resolve("coordinator.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "key", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("coordinator", keys.getCertificate("key"));
        truststore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        coordinator = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .keystorePath(keystore.toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                .keystoreType("PKCS12"));
        coordinator.start();
        coordinator.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("{\"error\":false,\"code\":200,\"id\":\"CRDN-tls\"}")));
    }

    @AfterAll
    static void stopCoordinator() {
        coordinator.stop();
    }

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, ArangoAutoConfiguration.class))
                .withPropertyValues("aioarango.hosts=https://localhost:" + coordinator.httpsPort(),
                        "aioarango.username=root", "aioarango.database=_system", "aioarango.transport=jdk",
                        "aioarango.connect-timeout=5s", "aioarango.request-timeout=10s",
                        "spring.ssl.bundle.jks.cluster.truststore.location=file:" + truststore,
                        "spring.ssl.bundle.jks.cluster.truststore.password=" + PASSWORD,
                        "spring.ssl.bundle.jks.cluster.truststore.type=PKCS12")
                .withPropertyValues(properties);
    }

    @Test
    void theBundleNamedByTheStarterIsWhatTheConnectionsTrust() {
        runner("aioarango.ssl.bundle=cluster").run(context -> assertThat(context.getBean(Database.class).cluster()
                .serverId().get(20, TimeUnit.SECONDS)).isEqualTo("CRDN-tls"));
        // Without the bundle, the JDK's trust store does not know the coordinator's certificate.
        runner().run(context -> assertThat(context.getBean(Database.class).cluster().serverId())
                .failsWithin(Duration.ofSeconds(20)).withThrowableThat().havingCause()
                .isInstanceOf(NoHostAvailableException.class).withMessageContaining("TLS handshake failed"));
    }
}
