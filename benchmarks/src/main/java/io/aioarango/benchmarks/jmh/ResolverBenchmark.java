package io.aioarango.benchmarks.jmh;

import io.aioarango.api.Host;
import io.aioarango.api.HostCandidate;
import io.aioarango.api.HostResolver;
import io.aioarango.core.HostResolvers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The built-in resolvers choosing among 3 and 100 candidates: by host, and seeing load, as the attempt loop asks them. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResolverBenchmark {
    @Param({"3", "100"})
    public int hosts;

    @Param({"roundrobin", "random", "leastloaded"})
    public String resolver;

    private List<Host> candidates;
    private List<Load> loads;
    private HostResolver selector;

    /** A candidate as a load-aware resolver sees it, with some requests in flight and a latency each. */
    private record Load(Host host, int inFlight, long latencyNanos) implements HostCandidate {
    }

    /** The candidates: an unmodifiable list, as the core hands them over. */
    @Setup
    public void setUp() {
        candidates = IntStream.range(0, hosts)
                .mapToObj(i -> new Host("http", "coordinator-" + i + ".example.com", 8529))
                .toList();
        loads = candidates.stream().map(host -> new Load(host, host.hostname().length() % 4,
                1_000_000L + host.hostname().hashCode() % 1000)).toList();
        selector = HostResolvers.named(resolver);
    }

    /**
     * One choice.
     *
     * @return the chosen host
     */
    @Benchmark
    public Host select() {
        return selector.select(candidates);
    }

    /**
     * One choice seeing the candidates' load, as the core asks every built-in resolver.
     *
     * @return the chosen candidate
     */
    @Benchmark
    public HostCandidate choose() {
        return selector.choose(loads);
    }
}
