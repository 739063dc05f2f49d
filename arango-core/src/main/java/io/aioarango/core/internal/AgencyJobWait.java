package io.aioarango.core.internal;

import static io.aioarango.core.internal.ClusterArguments.checkJobId;
import static io.aioarango.core.internal.ClusterArguments.checkTimeout;

import io.aioarango.api.AgencyJob;
import io.aioarango.api.AgencyJobFailedException;
import io.aioarango.api.AgencyJobStatus;
import io.aioarango.api.AgencyJobTimeoutException;
import io.aioarango.api.Cluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Cluster#awaitJob}: asks for an agency job until it has finished, failed, or the timeout has passed.
 * A job the cluster could not be asked about for a moment (a coordinator down) is asked about again.
 */
final class AgencyJobWait {
    private final Cluster cluster;
    private final Polling polling;

    AgencyJobWait(Cluster cluster, Polling polling) {
        this.cluster = cluster;
        this.polling = polling;
    }

    CompletableFuture<AgencyJob> await(String jobId, Duration timeout) {
        checkJobId(jobId);
        return await(jobId, timeout, polling.deadlineAfter(checkTimeout(timeout)));
    }

    /** @param deadline on {@link Polling#nanoTime()}; shared with the steps of a longer wait, e.g. a drain */
    CompletableFuture<AgencyJob> await(String jobId, Duration timeout, long deadline) {
        return polling.until(() -> cluster.job(jobId), AgencyJobWait::ended, deadline,
                (last, failure) -> new AgencyJobTimeoutException(jobId, timeout, last, failure));
    }

    /** Whether a job has ended well; a failed job ends the wait with its reason. */
    private static boolean ended(AgencyJob job) {
        if (job.status() == AgencyJobStatus.FAILED) {
            throw new AgencyJobFailedException(job);
        }
        return job.status() == AgencyJobStatus.FINISHED;
    }
}
