package io.aioarango.core.internal;

import static io.aioarango.core.internal.ClusterArguments.checkServerId;
import static io.aioarango.core.internal.ClusterArguments.checkTimeout;

import io.aioarango.api.AgencyJob;
import io.aioarango.api.AgencyJobTimeoutException;
import io.aioarango.api.Cluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Cluster#drainServer}: starts the clean-out of a DB-Server, waits for its job, then waits until the
 * cluster lists the server as cleaned out; one deadline bounds the three steps. Cancelling the drain
 * cancels the step in progress, and no later step starts.
 */
final class ServerDrain {
    private final Cluster cluster;
    private final Polling polling;
    private final AgencyJobWait jobs;

    ServerDrain(Cluster cluster, Polling polling, AgencyJobWait jobs) {
        this.cluster = cluster;
        this.polling = polling;
        this.jobs = jobs;
    }

    CompletableFuture<AgencyJob> drain(String serverId, Duration timeout) {
        checkServerId(serverId);
        long deadline = polling.deadlineAfter(checkTimeout(timeout));
        CompletableFuture<AgencyJob> drain = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> step = new AtomicReference<>();
        drain.whenComplete((job, failure) -> { // cancelled or ended: nothing of it goes on
            CompletableFuture<?> current = step.get();
            if (current != null) {
                current.cancel(false);
            }
        });
        step(drain, step, cluster.cleanOutServer(serverId))
                .thenCompose(jobId -> step(drain, step, jobs.await(jobId, timeout, deadline)))
                .thenCompose(job -> {
                    // The job names the server by its id, also when it was given by its short name.
                    String cleaned = job.server() != null ? job.server() : serverId;
                    return step(drain, step, polling.until(() -> cluster.isCleanedOut(cleaned), Boolean::booleanValue,
                            deadline, (last, failure) -> new AgencyJobTimeoutException(job.id(), timeout, job,
                                    failure))).thenApply(listed -> job);
                })
                .whenComplete((job, failure) -> {
                    if (failure != null) {
                        drain.completeExceptionally(Polling.unwrap(failure));
                    } else {
                        drain.complete(job);
                    }
                });
        return drain;
    }

    /** Makes {@code next} the step of {@code whole} in progress, which ends with it. */
    private static <T> CompletableFuture<T> step(CompletableFuture<?> whole, AtomicReference<CompletableFuture<?>> step,
            CompletableFuture<T> next) {
        step.set(next);
        if (whole.isDone()) {
            next.cancel(false);
        }
        return next;
    }
}
