package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An agency job, such as the one {@link Cluster#moveShard}, {@link Cluster#cleanOutServer(String)} or
 * {@link Cluster#resignLeadership(String)} started, from {@code GET /_admin/cluster/queryAgencyJob?id=}.
 * The fields of one kind of job (a shard move's {@code database}, {@code collection}, {@code shard},
 * {@code fromServer}, {@code toServer}, ...) are in {@link #extra()}.
 *
 * @param id           the job's id, e.g. {@code 12345678}
 * @param status       where the job stands
 * @param type         e.g. {@code moveShard}, {@code cleanOutServer}, {@code resignLeadership}, or {@code null}
 * @param server       the server a clean-out or a resignation is about, or {@code null}
 * @param reason       why the job failed, or {@code null}
 * @param creator      the id of the coordinator that created the job, or {@code null}
 * @param timeCreated  when the job was created, or {@code null}
 * @param timeStarted  when it started to run, or {@code null} while it waits
 * @param timeFinished when it finished or failed, or {@code null} while it runs
 * @param extra        every field this record does not model
 */
public record AgencyJob(
        String id,
        AgencyJobStatus status,
        String type,
        String server,
        String reason,
        String creator,
        Instant timeCreated,
        Instant timeStarted,
        Instant timeFinished,
        Map<String, Object> extra) {

    /**
     * Checks the job and copies {@code extra} into an unmodifiable map that keeps its order; {@code null}
     * becomes an empty map.
     *
     * @param id           the job's id, e.g. {@code 12345678}
     * @param status       where the job stands
     * @param type         e.g. {@code moveShard}, {@code cleanOutServer}, {@code resignLeadership}, or
     *                     {@code null}
     * @param server       the server a clean-out or a resignation is about, or {@code null}
     * @param reason       why the job failed, or {@code null}
     * @param creator      the id of the coordinator that created the job, or {@code null}
     * @param timeCreated  when the job was created, or {@code null}
     * @param timeStarted  when it started to run, or {@code null} while it waits
     * @param timeFinished when it finished or failed, or {@code null} while it runs
     * @param extra        every field this record does not model
     * @throws NullPointerException if {@code id} or {@code status} is {@code null}
     */
    public AgencyJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        extra = Immutables.map(extra);
    }
}
