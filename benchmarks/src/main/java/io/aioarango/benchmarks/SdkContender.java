package io.aioarango.benchmarks;

import io.aioarango.api.Cluster;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.api.HttpProtocol;
import io.aioarango.core.ArangoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK with its defaults (metrics on, into a registry of this run's own; failover on) on one transport:
 * {@code client.db("_system", "root", "passwd").join().cluster().serverId()}. Direct: completes the futures on
 * the I/O thread ({@code completionExecutor(Runnable::run)}) instead of the client's completion executor.
 * The protocol is HTTP/1.1 unless the contender is an {@code -h2} one (cleartext HTTP/2, prior knowledge).
 */
final class SdkContender implements Contender {
    private final String transport;
    private final boolean direct;
    private final HttpProtocol protocol;
    private ArangoClient client;
    private Cluster cluster;

    SdkContender(String transport, boolean direct) {
        this(transport, direct, HttpProtocol.HTTP1);
    }

    SdkContender(String transport, boolean direct, HttpProtocol protocol) {
        this.transport = transport;
        this.direct = direct;
        this.protocol = protocol;
    }

    @Override
    public void start(List<InetSocketAddress> coordinators, int concurrency) {
        ArangoClient.Builder builder = ArangoClient.builder()
                .hosts(coordinators.stream().map(a -> "http://" + a.getHostString() + ":" + a.getPort()).toList())
                .transport(transport)
                .transportOptions(TransportOptions.builder().protocol(protocol).build())
                .meterRegistry(new SimpleMeterRegistry());
        if (direct) {
            builder.completionExecutor(Runnable::run);
        }
        client = builder.build();
        cluster = client.db("_system", "root", "passwd").join().cluster();
    }

    @Override
    public CompletableFuture<String> serverId() {
        return cluster.serverId();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
