package io.aioarango.modulepath;

import io.aioarango.api.Cluster;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.ServerRole;
import io.aioarango.core.ArangoClient;
import io.aioarango.testkit.FakeCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a few cluster calls against one coordinator and prints what it learned, one {@code key=value} a
 * line: the module it runs in, the transport, {@code serverId()}, {@code serverRole()} and
 * {@code health()}.
 *
 * <p>Arguments: the coordinator's URL, or {@code testkit} to start an {@code arango-testkit} cluster of two
 * coordinators in this JVM and use it, and the transport's name ({@code jdk} or {@code netty}). Any
 * failure ends the JVM with a stack trace and a non-zero exit code.
 */
public final class ClusterProbe {
    private static final long WAIT_SECONDS = 20;

    private ClusterProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ClusterProbe <coordinator URL> <jdk|netty>");
            System.exit(2);
        }
        if (args[0].equals("testkit")) {
            try (FakeCluster cluster = FakeCluster.start(2)) {
                probe(cluster.hostsString(), args[1]);
            }
        } else {
            probe(args[0], args[1]);
        }
    }

    private static void probe(String hosts, String transport) throws Exception {
        try (ArangoClient client = ArangoClient.builder()
                .hosts(hosts)
                .transport(transport)
                .transportOptions(TransportOptions.builder().requestTimeout(Duration.ofSeconds(10)).build())
                .build()) {
            Cluster cluster = client.db("_system", "root", "passwd").get(WAIT_SECONDS, TimeUnit.SECONDS).cluster();
            String serverId = cluster.serverId().get(WAIT_SECONDS, TimeUnit.SECONDS);
            ServerRole role = cluster.serverRole().get(WAIT_SECONDS, TimeUnit.SECONDS);
            ClusterHealth health = cluster.health().get(WAIT_SECONDS, TimeUnit.SECONDS);

            System.out.println("module=" + ClusterProbe.class.getModule().getName());
            System.out.println("clientModule=" + ArangoClient.class.getModule().getName());
            System.out.println("sdkModules=" + sdkModules());
            System.out.println("transport=" + client.transportName());
            System.out.println("serverId=" + serverId);
            System.out.println("serverRole=" + role);
            System.out.println("clusterId=" + health.clusterId());
            health.servers().forEach((id, server) ->
                    System.out.println("health." + id + "=" + server.role() + "/" + server.status()));
            if ("netty".equals(client.transportName())) {
                System.out.println("nettyEpoll=" + nettyEpoll());
            }
        }
    }

    /** The SDK's modules in the boot layer, sorted: proof that they are named modules, not the class path. */
    private static List<String> sdkModules() {
        return ModuleLayer.boot().modules().stream()
                .map(Module::getName)
                .filter(name -> name.startsWith("io.aioarango.") && !name.equals("io.aioarango.modulepath"))
                .sorted()
                .toList();
    }

    /**
     * Whether Netty could load its native epoll library here (the transport uses epoll when it can, NIO
     * otherwise): {@code true}, or {@code false} and the reason. Read reflectively, so that this application
     * does not depend on Netty.
     */
    private static String nettyEpoll() {
        try {
            Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
            if ((Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                return "true";
            }
            Throwable cause = (Throwable) epoll.getMethod("unavailabilityCause").invoke(null);
            return "false (" + cause + ")";
        } catch (ReflectiveOperationException e) {
            return "false (" + e + ")";
        }
    }
}
