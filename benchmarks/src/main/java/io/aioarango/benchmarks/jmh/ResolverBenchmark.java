package io.aioarango.benchmarks.jmh;

import io.aioarango.api.Host;
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

/** The built-in resolvers choosing among 3 and 100 candidates, as the attempt loop asks them. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResolverBenchmark {
    @Param({"3", "100"})
    public int hosts;

    @Param({"roundrobin", "random"})
    public String resolver;

    private List<Host> candidates;
    private HostResolver selector;

    /** The candidates: an unmodifiable list, as the core hands them over. */
    @Setup
    public void setUp() {
        candidates = IntStream.range(0, hosts)
                .mapToObj(i -> new Host("http", "coordinator-" + i + ".example.com", 8529))
                .toList();
        selector = "random".equals(resolver) ? HostResolvers.random() : HostResolvers.roundRobin();
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
}
