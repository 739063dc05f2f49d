package io.aioarango.core;

import static org.assertj.core.api.Assertions.assertThat;
import io.aioarango.transport.spi.TransportOptions;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.TlsSettings;
import io.aioarango.core.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** TLS settings on the client builder: what the client says about them. (The handshakes: TlsContractTest.) */
class ClientTlsTest {

    private static List<LogRecord> warningsWhileBuilding(TlsSettings tls) {
        try (LogCapture logs = LogCapture.asConfigured()) {
            try (ArangoClient client = ArangoClient.builder().hosts("https://127.0.0.1:1").transport("jdk").transportOptions(TransportOptions.builder().tls(tls).build())
                    .meterRegistry(new SimpleMeterRegistry()).build()) {
                assertThat(client).isNotNull();
            }
            return logs.atLeast(Level.WARNING);
        }
    }

    @Test
    void trustingEveryCertificateIsLoggedAsAWarningWhenTheClientIsBuilt() {
        assertThat(warningsWhileBuilding(TlsSettings.builder().insecureTrustAll().build()))
                .singleElement().satisfies(record -> assertThat(record.getMessage()).contains("insecureTrustAll"));
        assertThat(warningsWhileBuilding(TlsSettings.builder().verifyHostnames(false).build())).isEmpty();
        assertThat(warningsWhileBuilding(TlsSettings.defaults())).isEmpty();
    }

    @Test
    void settingsShowNoSecretAndRefuseWhatCannotApply() throws Exception {
        TlsSettings tls = TlsSettings.builder().verifyHostnames(false).build();
        assertThat(tls.toString()).isEqualTo("TlsSettings[sslContext=built, trustStore=JDK, clientCertificate=no, "
                + "verifyHostnames=false, trustAll=false]");
        assertThat(tls.sslContext()).isNotNull();
        assertThat(TlsSettings.defaults().sslContext()).isNull();
        SSLContext mine = SSLContext.getInstance("TLS");
        mine.init(null, null, null);
        assertThat(TlsSettings.builder().sslContext(mine).build().sslContext()).isSameAs(mine);
        assertThatThrownBy(() -> TlsSettings.builder().sslContext(mine).verifyHostnames(false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust managers");
    }

    @Test
    void anExpiredBearerTokenForDiscoveryFailsTheBuildBeforeAnythingStarts() {
        String expired = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{}".getBytes()) + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1}".getBytes()) + ".x";
        ArangoClient.Builder builder = ArangoClient.builder().hosts("http://127.0.0.1:1").transport("netty")
                .meterRegistry(new SimpleMeterRegistry())
                .endpointDiscovery(java.time.Duration.ofSeconds(60), io.aioarango.api.Credentials.bearer(expired));
        java.util.Set<Thread> before = sdkThreads();

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bearer token expired");
        // No new thread: those of earlier tests' closed clients may still be ending, so no count is compared.
        assertThat(sdkThreads()).as("no thread was started for the failed client").isSubsetOf(before);
    }

    private static java.util.Set<Thread> sdkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("aioarango-"))
                .collect(java.util.stream.Collectors.toSet());
    }
}
