package io.aioarango.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.HttpProtocol;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportRequest;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 over TLS: ALPN decides, as {@code H2} and {@code AUTO} say, against servers that offer h2 or not. */
class NettyHttp2TlsTest {
    static {
        NettyLeaks.install();
    }

    private static SslContext trusting(NettyTransportTest.TlsServer tls, boolean alpn) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forClient().trustManager(tls.certificate);
        if (alpn) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
        }
        return builder.build();
    }

    private static NettyTransport transport(HttpProtocol protocol, SslContext context) {
        return NettyTransport.builder(TransportOptions.builder().protocol(protocol)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build())
                .sslContext(context).build();
    }

    private static CompletableFuture<TransportResponse> get(HttpSession session) {
        return session.send(new TransportRequest(HttpMethod.GET, "/", Headers.empty(), null));
    }

    @Test
    void h2NegotiatesHttp2ThroughAlpn(@TempDir Path dir) throws Exception {
        try (NettyTransportTest.TlsServer tls = new NettyTransportTest.TlsServer(dir, true);
                NettyTransport transport = transport(HttpProtocol.H2, trusting(tls, true))) {
            HttpSession session = transport.openSession(new Host("https", "localhost", tls.server.httpsPort()));

            assertThat(get(session).get(10, TimeUnit.SECONDS).bodyAsString()).isEqualTo("secure");
            assertThat(session.protocol()).isEqualTo("h2");
        }
    }

    @Test
    void autoSpeaksWhatAlpnChose(@TempDir Path dir) throws Exception {
        for (boolean offersH2 : new boolean[] {true, false}) {
            Path own = java.nio.file.Files.createDirectories(dir.resolve(offersH2 ? "h2" : "http1"));
            try (NettyTransportTest.TlsServer tls = new NettyTransportTest.TlsServer(own, offersH2);
                    NettyTransport transport = transport(HttpProtocol.AUTO, trusting(tls, true))) {
                HttpSession session = transport.openSession(new Host("https", "localhost", tls.server.httpsPort()));
                assertThat(session.protocol()).isEqualTo("auto"); // nothing asked yet

                assertThat(get(session).get(10, TimeUnit.SECONDS).bodyAsString()).isEqualTo("secure");
                assertThat(get(session).get(10, TimeUnit.SECONDS).bodyAsString()).isEqualTo("secure");
                assertThat(session.protocol()).isEqualTo(offersH2 ? "h2" : "http1");
            }
        }
    }

    @Test
    void h2RefusesAServerThatDoesNotOfferIt(@TempDir Path dir) throws Exception {
        try (NettyTransportTest.TlsServer tls = new NettyTransportTest.TlsServer(dir, false);
                NettyTransport transport = transport(HttpProtocol.H2, trusting(tls, true))) {
            Host host = new Host("https", "localhost", tls.server.httpsPort());

            assertThatThrownBy(() -> get(transport.openSession(host)).get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(ArangoConnectionException.class, e -> {
                        assertThat(e.host()).isEqualTo(host);
                        assertThat(e.requestSent()).isFalse();
                    })
                    .hasMessageContaining("did not offer HTTP/2").hasMessageContaining("protocol HTTP1 or AUTO");
            assertThat(tls.server.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void aContextWithoutAlpnIsRefusedForHttp2WithTheFix(@TempDir Path dir) throws Exception {
        try (NettyTransportTest.TlsServer tls = new NettyTransportTest.TlsServer(dir, true);
                NettyTransport transport = transport(HttpProtocol.H2, trusting(tls, false))) {
            Host host = new Host("https", "localhost", tls.server.httpsPort());

            assertThatThrownBy(() -> transport.openSession(host)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs ALPN with \"h2\"").hasMessageContaining("applicationProtocolConfig");
        }
    }

    @Test
    void autoAskingAlpnIsBoundByTheRequestTimeout() throws Exception {
        // A port that accepts and never answers the TLS handshake; the connect timeout is longer than the
        // request timeout, which must bound the request while the session asks which protocol to speak.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
                NettyTransport transport = NettyTransport.builder(TransportOptions.builder().protocol(HttpProtocol.AUTO)
                        .connectTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofMillis(500)).build()).build()) {
            Host host = new Host("https", "127.0.0.1", silent.getLocalPort());

            assertThatThrownBy(() -> get(transport.openSession(host)).get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(io.aioarango.api.ArangoTimeoutException.class,
                            e -> assertThat(e.host()).isEqualTo(host));
        }
    }
}
