package io.aioarango.benchmarks;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One client under load: started once per run, then asked for {@code GET /_db/_system/_admin/server/id} over
 * and over, up to the run's concurrency at once, then closed.
 */
interface Contender {

    /**
     * Opens the client. Nothing may be sent yet.
     *
     * @param coordinators the stub's coordinators, to be used in turn
     * @param concurrency  how many requests the runner keeps in flight
     * @throws Exception if the client cannot be built
     */
    void start(List<InetSocketAddress> coordinators, int concurrency) throws Exception;

    /**
     * Sends one request. Called from any thread, also from the thread that completed the previous future.
     *
     * @return the {@code id} field of the answer, or a failed future
     */
    CompletableFuture<String> serverId();

    /** Closes the client and everything it started; afterwards none of its threads may remain. */
    void close();
}
