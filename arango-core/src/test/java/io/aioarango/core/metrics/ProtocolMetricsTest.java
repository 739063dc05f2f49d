package io.aioarango.core.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import io.aioarango.transport.spi.TransportOptions;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.HttpProtocol;
import io.aioarango.core.ArangoClient;
import io.aioarango.core.ArangoMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The protocol a coordinator is spoken to in, on the request timer and the pool gauges (netty, over h2c). */
class ProtocolMetricsTest {

    @ParameterizedTest
    @EnumSource(value = HttpProtocol.class, names = {"HTTP1", "H2"})
    void theTimerAndThePoolGaugesNameTheProtocol(HttpProtocol protocol) {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("{\"error\":false,\"code\":200,\"id\":\"CRDN-1\"}")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String host = "127.0.0.1:" + server.port();
        String tag = protocol == HttpProtocol.H2 ? "h2" : "http1";
        try (ArangoClient client = ArangoClient.builder().hosts("http://" + host).transport("netty")
                .transportOptions(TransportOptions.builder().protocol(protocol).build()).meterRegistry(registry).build()) {
            assertThat(client.db("_system", "root", "pw").join().cluster().serverId().join()).isEqualTo("CRDN-1");

            assertThat(registry.find(ArangoMetrics.REQUESTS).tag("host", host).tag("protocol", tag).timer())
                    .isNotNull().satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
            io.micrometer.core.instrument.Gauge idle = registry.find(ArangoMetrics.CONNECTIONS).tag("host", host)
                    .tag("state", "idle").tag("protocol", tag).gauge();
            assertThat(idle).isNotNull();
            // An HTTP/2 stream leaves its connection once Netty closes it, just after the answer is handed on.
            eventually("the one connection is idle", () -> idle.value() == 1);
            assertThat(registry.find(ArangoMetrics.STREAMS).tag("host", host).tag("protocol", tag).gauge())
                    .isNotNull();
        } finally {
            server.stop();
        }
    }
}
