package io.aioarango.api;

/**
 * An agency job that {@link Cluster#awaitJob} or {@link Cluster#drainServer} waited for ended in
 * {@link AgencyJobStatus#FAILED}: the supervision gave it up, or it was cancelled.
 */
public class AgencyJobFailedException extends ArangoException {
    private static final long serialVersionUID = 1L;

    private final transient AgencyJob job;

    /**
     * Creates the exception.
     *
     * @param job the failed job, as the agency last reported it
     */
    public AgencyJobFailedException(AgencyJob job) {
        super("Agency job " + job.id() + (job.type() == null ? "" : " (" + job.type() + ")") + " failed: "
                + (job.reason() == null ? "the agency gave no reason" : job.reason()));
        this.job = job;
    }

    /**
     * The failed job.
     *
     * @return the job, with its {@link AgencyJob#reason()}; {@code null} after deserialization, as it is
     *         not serialized
     */
    public AgencyJob job() {
        return job;
    }
}
