package io.aioarango.benchmarks.jmh;

import io.aioarango.api.ArangoRequest;
import io.aioarango.api.HttpMethod;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Describing a request with the public builder: the server-id GET, and a POST with a JSON body and a query. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestBuildBenchmark {

    /**
     * {@code GET /_admin/server/id}.
     *
     * @return the request
     */
    @Benchmark
    public ArangoRequest serverIdGet() {
        return ArangoRequest.builder(HttpMethod.GET, "/_admin/server/id").build();
    }

    /**
     * {@code POST /_admin/cluster/rebalance?waitForSync=true} with a JSON body.
     *
     * @return the request
     */
    @Benchmark
    public ArangoRequest jsonBodyAndQuery() {
        return ArangoRequest.builder(HttpMethod.POST, "/_admin/cluster/rebalance")
                .queryParam("waitForSync", "true")
                .jsonBody("{\"version\":1,\"maximumNumberOfMoves\":1000,\"leaderChanges\":true}")
                .build();
    }
}
