package io.aioarango.api;

import io.aioarango.api.internal.Spellings;
import java.util.Arrays;

/**
 * Where an agency job stands: the bucket of the agency's {@code Target} that holds it, as
 * {@code GET /_admin/cluster/queryAgencyJob} reports it.
 */
public enum AgencyJobStatus {
    /** Waiting for the supervision to start it. */
    TODO("ToDo"),
    /** Running. */
    PENDING("Pending"),
    /** Done. */
    FINISHED("Finished"),
    /** Given up, or aborted with {@link Cluster#cancelJob(String)}; the job's reason says why. */
    FAILED("Failed");

    private final String value;

    AgencyJobStatus(String value) {
        this.value = value;
    }

    /**
     * The agency's spelling.
     *
     * @return {@code "ToDo"}, {@code "Pending"}, {@code "Finished"} or {@code "Failed"}
     */
    public String value() {
        return value;
    }

    /**
     * Whether the job has ended, one way or the other.
     *
     * @return {@code true} for {@link #FINISHED} and {@link #FAILED}
     */
    public boolean isDone() {
        return this == FINISHED || this == FAILED;
    }

    /**
     * Parses a status.
     *
     * @param value {@code "ToDo"}, {@code "Pending"}, {@code "Finished"} or {@code "Failed"}, in any case,
     *              surrounding spaces ignored
     * @return the status
     * @throws IllegalArgumentException if {@code value} is {@code null} or none of those
     */
    public static AgencyJobStatus fromString(String value) {
        AgencyJobStatus found = Spellings.find(values(), AgencyJobStatus::value, value);
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException("Unknown agency job status '" + value + "'; known statuses: "
                + Arrays.stream(values()).map(AgencyJobStatus::value).toList());
    }
}
