package io.aioarango.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.tck.H2TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * AUTO over {@code http://} is cleartext HTTP/2 on this transport. The whole contract suite runs over HTTP/2
 * in {@link NettyH2TransportContractTest}; this checks, cheaply, that AUTO takes that same path.
 */
class NettyHttpProtocolTest {

    @Test
    void autoSpeaksCleartextHttp2ToAnHttpCoordinator() throws Exception {
        try (H2TestServer server = H2TestServer.start(); // speaks HTTP/2 only
                Transport transport = new NettyTransportProvider().create(TransportOptions.builder()
                        .protocol(HttpProtocol.AUTO).requestTimeout(Duration.ofSeconds(5)).build())) {
            TransportResponse response = transport.openSession(server.host())
                    .send(new TransportRequest(HttpMethod.GET, "/auto", Headers.empty(), null))
                    .get(10, TimeUnit.SECONDS);

            assertThat(response.bodyAsString()).isEqualTo("/auto");
            assertThat(server.received()).containsEntry("/auto", 1);
        }
    }
}
