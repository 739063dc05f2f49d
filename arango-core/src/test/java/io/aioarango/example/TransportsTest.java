package io.aioarango.example;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.core.ArangoClient;
import io.aioarango.transport.jdk.JdkTransport;
import io.aioarango.transport.netty.NettyTransport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's "Transports" section as a program. */
class TransportsTest {
    private WireMockServer server;
    private String hosts;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"id\":\"CRDN-1\"}")));
        hosts = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void byPriorityByNameAndByProperty() {
        try (ArangoClient client = ArangoClient.builder().hosts(hosts).build()) {
            assertThat(client.transportName()).isEqualTo("netty"); // both on the class path: netty wins
        }
        try (ArangoClient client = ArangoClient.builder().hosts(hosts).transport("jdk").build()) {
            assertThat(client.transportName()).isEqualTo("jdk");
        }
    }

    @Test
    void yourOwnEventLoopGroup() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        NettyTransport transport = NettyTransport.builder(TransportOptions.builder()
                        .maxConnectionsPerHost(32)
                        .requestTimeout(Duration.ofSeconds(30))
                        .build())
                .eventLoopGroup(group, NioSocketChannel.class)
                .build();
        try (ArangoClient client = ArangoClient.builder().hosts(hosts).transport(transport).build()) {
            assertThat(client.db("_system", "root", "passwd").join().cluster().serverId().join()).isEqualTo("CRDN-1");
        }
        transport.close();                 // yours to close, after the clients that use it
        group.shutdownGracefully();        // and the group too: the transport never closes it
        assertThat(group.isShuttingDown()).isTrue();
    }

    @Test
    void yourOwnHttpClientBuilder() {
        HttpClient.Builder http = HttpClient.newBuilder().proxy(ProxySelector.of(null));
        try (JdkTransport transport = JdkTransport.withHttpClient(TransportOptions.defaults(), http);
                ArangoClient client = ArangoClient.builder().hosts(hosts).transport(transport).build()) {
            assertThat(client.db("_system", "root", "passwd").join().cluster().serverId().join()).isEqualTo("CRDN-1");
        }
    }
}
