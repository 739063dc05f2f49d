package io.aioarango.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Cluster;
import io.aioarango.api.ClusterHealth;
import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.core.ArangoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading the recorded {@code GET /_admin/cluster/health} answer (9 servers). Core's JSON reading is internal, so
 * the public way to it is the whole call: {@code cluster().health()} on a client whose transport (a public SPI)
 * answers from memory at once, completing on the calling thread. That includes the attempt loop, the resolver and
 * the metrics of one call. {@link #jacksonReadTree()} is Jackson's share alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HealthReadBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private byte[] body;
    private ArangoClient client;
    private Cluster cluster;

    /**
     * Loads the recorded body and builds the client.
     *
     * @throws IOException if the body cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        try (InputStream in = HealthReadBenchmark.class.getResourceAsStream(
                "/io/aioarango/benchmarks/GET__admin_cluster_health.json")) {
            body = in.readAllBytes();
        }
        client = InMemoryTransport.client(List.of("http://127.0.0.1:8529"), body);
        cluster = client.db("_system", "root", "passwd").join().cluster();
    }

    /** Closes the client. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
    }

    /**
     * The SDK's whole call, answered from memory.
     *
     * @return the health
     */
    @Benchmark
    public ClusterHealth sdkHealthCall() {
        return cluster.health().join();
    }

    /**
     * Jackson's tree of the same body, without the records.
     *
     * @return the tree
     * @throws IOException never, the body is valid JSON
     */
    @Benchmark
    public JsonNode jacksonReadTree() throws IOException {
        return MAPPER.readTree(body);
    }

    /** A transport whose sessions answer every request with the same body at once. */
    static final class InMemoryTransport implements Transport {
        /**
         * A client of these coordinators on this transport, completing on the calling thread, metrics on.
         *
         * @param hosts the coordinators
         * @param body  the answer to every request
         * @return the client; close it
         */
        static ArangoClient client(List<String> hosts, byte[] body) {
            return client(hosts, body, "leastloaded");
        }

        static ArangoClient client(List<String> hosts, byte[] body, String resolver) {
            return ArangoClient.builder()
                    .hosts(hosts)
                    .hostResolver(resolver)
                    .maxCoordinators(Math.max(64, hosts.size()))
                    .transport(new InMemoryTransport(body))
                    .completionExecutor(Runnable::run)
                    .meterRegistry(new SimpleMeterRegistry())
                    .build();
        }

        private final byte[] body;
        private final Headers headers = Headers.empty().with("content-type", "application/json; charset=utf-8");

        InMemoryTransport(byte[] body) {
            this.body = body;
        }

        @Override
        public String name() {
            return "in-memory";
        }

        @Override
        public HttpSession openSession(Host host) {
            return new HttpSession() {
                @Override
                public Host host() {
                    return host;
                }

                @Override
                public CompletableFuture<TransportResponse> send(TransportRequest request) {
                    return CompletableFuture.completedFuture(TransportResponse.of(200, headers, body));
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
