package io.aioarango.benchmarks;

import java.util.List;

/**
 * One contender's measured run at one concurrency and coordinator count.
 *
 * @param contender        the contender's name
 * @param coordinators     how many stub coordinators
 * @param concurrency      requests kept in flight
 * @param requests         requests completed in the measured window
 * @param seconds          the measured window's length
 * @param requestsPerSecond completed requests per second
 * @param p50Micros        median latency, µs
 * @param p99Micros        99th percentile latency, µs
 * @param cpuMicrosPerRequest process CPU time of the client JVM per request, µs
 * @param bytesPerRequest  bytes allocated by the client JVM per request, threads that ended within the window
 *                         included ({@link HeapAllocation})
 * @param liveThreadBytesPerRequest bytes allocated per request by the threads alive at the end of the window
 *                         ({@code ThreadMXBean.getThreadAllocatedBytes}: exact, but blind to threads that ended)
 * @param gcCount          collections in the window, all collectors
 * @param threads          the contender's own threads alive at the end of the window (started since it was built)
 * @param threadsStarted   threads the client JVM started within the window
 * @param drift            (req/s of the 2nd half - req/s of the 1st half) / req/s of the 1st half
 * @param errors           failed requests in the whole run, warm-up included
 * @param firstError       the first failure, or {@code null}
 * @param hits             server-id requests each coordinator served in the window, in port order
 * @param runHits          the same over the whole run, from before the contender started to after its last
 *                         request ended
 * @param leftThreads      names of the contender's threads still alive after close (and a GC), empty when none
 */
record Result(String contender, int coordinators, int concurrency, long requests, double seconds,
              double requestsPerSecond, double p50Micros, double p99Micros, double cpuMicrosPerRequest,
              double bytesPerRequest, double liveThreadBytesPerRequest, long gcCount, int threads,
              long threadsStarted, double drift, long errors, String firstError,
              long[] hits, long[] runHits, List<String> leftThreads) {

    /** A run that ended in an exception of the runner's, e.g. a contender that could not start. */
    static Result failed(String contender, int coordinators, int concurrency, Throwable failure) {
        return new Result(contender, coordinators, concurrency, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0, 0, 0, Double.NaN, 1, failure.toString(), new long[coordinators],
                new long[coordinators], List.of());
    }

    /** The same with what is known once the run has ended: its errors, first failure and hits in all. */
    Result withRun(long allErrors, String first, long[] allHits) {
        return new Result(contender, coordinators, concurrency, requests, seconds, requestsPerSecond, p50Micros,
                p99Micros, cpuMicrosPerRequest, bytesPerRequest, liveThreadBytesPerRequest, gcCount, threads,
                threadsStarted, drift, allErrors, first, hits, allHits, leftThreads);
    }

    Result withLeftThreads(List<String> left) {
        return new Result(contender, coordinators, concurrency, requests, seconds, requestsPerSecond, p50Micros,
                p99Micros, cpuMicrosPerRequest, bytesPerRequest, liveThreadBytesPerRequest, gcCount, threads,
                threadsStarted, drift, errors, firstError, hits, runHits, List.copyOf(left));
    }
}
