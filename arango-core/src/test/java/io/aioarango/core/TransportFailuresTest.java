package io.aioarango.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.aioarango.core.Fixtures.await;
import static io.aioarango.core.Fixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Database;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.jdk.JdkTransportProvider;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transport that lets a raw exception out (not one of the SDK's) still gives the caller an SDK
 * exception, and the request fails over by the same rules as a broken connection.
 */
class TransportFailuresTest {
    private WireMockServer healthy;
    private final Host broken = new Host("http", "127.0.0.1", 9);
    private final Transport jdk = new JdkTransportProvider().create(TransportOptions.defaults());

    /** The session of {@link #broken} fails every exchange as a careless transport would. */
    private final Transport transport = new Transport() {
        @Override
        public String name() {
            return "careless";
        }

        @Override
        public HttpSession openSession(Host host) {
            if (!host.equals(broken)) {
                return jdk.openSession(host);
            }
            return new HttpSession() {
                @Override
                public Host host() {
                    return host;
                }

                @Override
                public CompletableFuture<TransportResponse> send(TransportRequest request) {
                    return CompletableFuture.failedFuture(
                            new NumberFormatException("For input string: \"99999999999999999999999\""));
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
            jdk.close();
        }
    };

    @BeforeEach
    void start() {
        healthy = Fixtures.coordinator();
        healthy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"id\":\"CRDN-1\"}")));
    }

    @AfterEach
    void stop() {
        transport.close();
        healthy.stop();
    }

    @Test
    void aRawExceptionBecomesAConnectionFailureThatMayHaveBeenSent() {
        try (ArangoClient client = ArangoClient.builder().hosts(broken.url(), Fixtures.url(healthy))
                .transport(transport).hostResolver(candidates -> candidates.get(0)).build()) {
            Database db = client.db("_system", "root", "pw").join();

            assertThat(await(db.cluster().serverId())).as("a GET fails over").isEqualTo("CRDN-1");
            assertThat(failure(db.send(ArangoRequest.builder(HttpMethod.POST, "/_api/document/c").jsonBody("{}")
                    .build()))).as("a POST may have been applied: not sent again")
                    .isInstanceOfSatisfying(ArangoConnectionException.class, e -> {
                        assertThat(e.host()).isEqualTo(broken);
                        assertThat(e.requestSent()).isTrue();
                        assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
                    })
                    .hasMessageContaining("transport failure: java.lang.NumberFormatException");
        }
    }
}
