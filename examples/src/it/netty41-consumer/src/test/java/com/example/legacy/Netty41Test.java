package com.example.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.Cluster;
import io.aioarango.api.Database;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.HttpProtocol;
import io.aioarango.api.MaintenanceMode;
import io.aioarango.api.ServerRole;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.core.ArangoClient;
import io.aioarango.testkit.FakeCluster;
import io.aioarango.testkit.FakeClusterExtension;
import io.aioarango.transport.netty.NettyTransport;
import io.aioarango.transport.tck.H2TestServer;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK, the netty transport and the testkit on Netty 4.1, as a Spring Boot 3.5 application runs them. */
class Netty41Test {
    private static final List<String> CALLS = List.of("/_admin/server/id", "/_admin/server/role",
            "/_admin/cluster/health");

    @RegisterExtension
    static final FakeClusterExtension CLUSTER = new FakeClusterExtension(FakeCluster.builder().coordinators(2));

    @Test
    void netty41IsWhatIsLoaded() {
        String expected = System.getProperty("netty41.version");
        assertTrue(expected.startsWith("4.1."), expected);
        Map<String, Version> versions = Version.identify();
        assertTrue(versions.containsKey("netty-transport"), versions::toString);
        versions.forEach((artifact, version) -> assertEquals(expected, version.artifactVersion(), artifact));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.channel.MultiThreadIoEventLoopGroup"));
    }

    /** The transport's own group: epoll where the native library loads (always on Linux x86_64), NIO otherwise. */
    @Test
    void clusterCallsOverHttp1(FakeCluster fake) {
        try (NettyTransport transport = NettyTransport.builder(TransportOptions.defaults()).build();
                ArangoClient client = ArangoClient.builder().hosts(fake.hostsString()).hostResolver("roundrobin")
                        .transport(transport).build()) {
            assertEquals(expectedChannelType(), transport.channelType());
            Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
            assertEquals(fake.coordinator(0).serverId(), cluster.serverId().join());
            assertEquals(fake.coordinator(1).serverId(), cluster.serverId().join());
            assertEquals(ServerRole.COORDINATOR, cluster.serverRole().join());
            assertEquals(2 + 3 + 3, cluster.health().join().servers().size());
            assertEquals(2, cluster.serverCount().join().numberOfCoordinators());
            cluster.toggleMaintenanceMode(MaintenanceMode.ON).join();
            assertTrue(fake.maintenanceMode());
        } finally {
            fake.reset();
        }
    }

    /**
     * The testkit speaks HTTP/1.1 only: its answers are served again over h2c by the contract suite's HTTP/2
     * server, and the transport, chosen by name, reads them the same.
     */
    @Test
    void clusterCallsOverH2c(FakeCluster fake) {
        try (H2TestServer h2c = H2TestServer.start()) {
            try (ArangoClient http1 = ArangoClient.builder().hosts(fake.coordinator(0).url()).build()) {
                Database db = http1.db("_system", "root", "passwd").join();
                for (String call : CALLS) {
                    byte[] body = db.send(ArangoRequest.builder(HttpMethod.GET, call).build()).join().body();
                    h2c.body("/_db/_system" + call, body);
                }
            }
            try (ArangoClient client = ArangoClient.builder().hosts("http://127.0.0.1:" + h2c.port())
                    .transport("netty")
                    .transportOptions(TransportOptions.builder().protocol(HttpProtocol.H2).build()).build()) {
                assertEquals("netty", client.transportName());
                Cluster cluster = client.db("_system", "root", "passwd").join().cluster();
                assertEquals(fake.coordinator(0).serverId(), cluster.serverId().join());
                assertEquals(ServerRole.COORDINATOR, cluster.serverRole().join());
                assertEquals(2 + 3 + 3, cluster.health().join().servers().size());
            }
            assertEquals(List.of(CALLS.size()), h2c.streamsPerConnection(), "one HTTP/2 connection, a stream a call");
        }
    }

    private static Class<?> expectedChannelType() {
        if (Boolean.getBoolean("io.netty.transport.noNative")) {
            assertFalse(Epoll.isAvailable());
            return NioSocketChannel.class;
        }
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        }
        return Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
