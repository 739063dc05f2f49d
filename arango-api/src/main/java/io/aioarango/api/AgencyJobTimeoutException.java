package io.aioarango.api;

import java.time.Duration;

/**
 * {@link Cluster#awaitJob} or {@link Cluster#drainServer} gave up waiting: the job had not ended (or, for a
 * drain, the server was not yet listed as cleaned out) when the timeout passed. Only the wait ends: the job
 * goes on in the cluster; {@link Cluster#cancelJob(String)} aborts it.
 */
public class AgencyJobTimeoutException extends ArangoException {
    private static final long serialVersionUID = 1L;

    /** The id of the job waited for. */
    private final String jobId;
    /** How long the wait lasted at most. */
    private final Duration timeout;
    private final transient AgencyJob lastSeen;

    /**
     * Creates the exception.
     *
     * @param jobId    the id of the job waited for
     * @param timeout  how long the wait lasted at most
     * @param lastSeen the job as last reported, or {@code null} when no answer came
     * @param cause    the last failure to ask for the job's state, or {@code null}
     */
    public AgencyJobTimeoutException(String jobId, Duration timeout, AgencyJob lastSeen, Throwable cause) {
        super(message(jobId, timeout, lastSeen), cause);
        this.jobId = jobId;
        this.timeout = timeout;
        this.lastSeen = lastSeen;
    }

    private static String message(String jobId, Duration timeout, AgencyJob lastSeen) {
        String goesOn = "; the job goes on in the cluster (cancelJob(\"" + jobId + "\") aborts it)";
        if (lastSeen == null) {
            return "Agency job " + jobId + ": no status could be read within " + timeout + goesOn;
        }
        if (lastSeen.status() == AgencyJobStatus.FINISHED) {
            return "Agency job " + jobId + " finished, but the cluster did not report its result within " + timeout;
        }
        return "Agency job " + jobId + " is still " + lastSeen.status().value() + " after " + timeout + goesOn;
    }

    /**
     * The id of the job waited for.
     *
     * @return the job id
     */
    public String jobId() {
        return jobId;
    }

    /**
     * How long the wait lasted at most.
     *
     * @return the timeout given to the call
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The job as last reported.
     *
     * @return the job, or {@code null} when no answer came (or after deserialization)
     */
    public AgencyJob lastSeen() {
        return lastSeen;
    }
}
