package io.aioarango.api;

import io.aioarango.api.internal.Immutables;
import java.util.Map;

/**
 * Why one DB-Server gave no result in a {@link DbServerResults}: its error answer, or the coordinator's
 * failure to reach it (e.g. errorNum 1457, a timeout).
 *
 * @param code         the HTTP status the DB-Server answered with, or {@code null} when it did not answer
 * @param errorNum     ArangoDB's error number ({@code errorNum}, or {@code errorCode} of a failure to reach
 *                     it), or {@code null}
 * @param errorMessage the error message, or {@code null}
 * @param extra        every field this record does not model
 */
public record DbServerFailure(Integer code, Integer errorNum, String errorMessage, Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable map that keeps its order; {@code null} becomes an empty map.
     *
     * @param code         the HTTP status the DB-Server answered with, or {@code null} when it did not answer
     * @param errorNum     ArangoDB's error number ({@code errorNum}, or {@code errorCode} of a failure to
     *                     reach it), or {@code null}
     * @param errorMessage the error message, or {@code null}
     * @param extra        every field this record does not model
     */
    public DbServerFailure {
        extra = Immutables.map(extra);
    }
}
