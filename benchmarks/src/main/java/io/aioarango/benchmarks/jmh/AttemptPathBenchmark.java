package io.aioarango.benchmarks.jmh;

import io.aioarango.api.Cluster;
import io.aioarango.core.ArangoClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole {@code serverId()} call over 3 and over 100 coordinators, answered from memory at once: the
 * resolver's choice, the attempt's bookkeeping, the metrics and the reading of the answer, without any I/O.
 * The two figures should be alike: nothing on the path of an attempt may grow with the coordinators.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AttemptPathBenchmark {
    /** How many coordinators the client has. */
    @Param({"3", "100"})
    public int coordinators;

    /** The resolver: the default, or round robin, to see what seeing load costs. */
    @Param({"leastloaded", "roundrobin"})
    public String resolver;

    private ArangoClient client;
    private Cluster cluster;

    /** Builds a client of {@link #coordinators} coordinators on the in-memory transport. */
    @Setup(Level.Trial)
    public void setUp() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < coordinators; i++) {
            hosts.add("http://127.0.0." + (1 + i / 250) + ":" + (8529 + i));
        }
        byte[] body = "{\"error\":false,\"code\":200,\"id\":\"CRDN-1\"}".getBytes(StandardCharsets.UTF_8);
        client = HealthReadBenchmark.InMemoryTransport.client(hosts, body, resolver);
        cluster = client.db("_system", "root", "passwd").join().cluster();
    }

    /** Closes the client. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
    }

    /**
     * One call.
     *
     * @return the server id
     */
    @Benchmark
    public String serverIdCall() {
        return cluster.serverId().join();
    }
}
