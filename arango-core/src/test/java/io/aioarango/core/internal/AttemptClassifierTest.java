package io.aioarango.core.internal;

import static io.aioarango.core.internal.AttemptClassifier.Action.FAIL;
import static io.aioarango.core.internal.AttemptClassifier.Action.FAIL_OVER;
import static io.aioarango.core.internal.AttemptClassifier.Action.FOLLOW_REDIRECT;
import static io.aioarango.core.internal.AttemptClassifier.Action.MARK_DOWN_AND_FAIL_OVER;
import static io.aioarango.core.internal.AttemptClassifier.Action.READ;
import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.MalformedResponseException;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.core.internal.AttemptClassifier.Action;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the README's failover table, one decision each. */
class AttemptClassifierTest {
    private static final Host HOST = new Host("http", "db1", 8529);

    static Stream<Arguments> answers() {
        return Stream.of(
                // status, errorNum, leader known, -> action, failovers reason
                Arguments.of(200, 0, false, READ, null),
                Arguments.of(201, 0, false, READ, null),
                Arguments.of(202, 0, false, READ, null),
                Arguments.of(204, 0, false, READ, null),
                Arguments.of(400, 10, false, FAIL, null),
                Arguments.of(401, 11, false, FAIL, null),
                Arguments.of(403, 403, false, FAIL, null),
                Arguments.of(404, 1228, false, FAIL, null),
                Arguments.of(500, 4, false, FAIL, null),
                Arguments.of(501, 9, false, FAIL, null),
                Arguments.of(503, 503, false, FAIL_OVER, "unavailable"),    // starting up, maintenance
                Arguments.of(503, 30, false, FAIL_OVER, "unavailable"),     // shutting down
                Arguments.of(503, 21003, false, FAIL_OVER, "unavailable"),  // queue full
                Arguments.of(503, 1496, false, FAIL, null),                 // not a leader, no known leader named
                Arguments.of(503, 0, false, FAIL, null),                    // a proxy's empty 503
                Arguments.of(503, 1496, true, FOLLOW_REDIRECT, "redirect"), // a follower naming a known leader
                Arguments.of(503, 503, true, FOLLOW_REDIRECT, "redirect"),
                Arguments.of(502, 0, true, FAIL, null));                    // only a 503 redirects
    }

    @ParameterizedTest(name = "HTTP {0}, errorNum {1}, leader known {2}: {3}")
    @MethodSource("answers")
    void anAnswer(int status, int errorNum, boolean leaderKnown, Action action, String reason) {
        for (boolean retryOnTimeout : new boolean[] {false, true}) {
            AttemptClassifier.Decision decision = new AttemptClassifier(retryOnTimeout)
                    .onAnswer(status, errorNum, leaderKnown);
            assertThat(decision.action()).isEqualTo(action);
            assertThat(decision.reason()).isEqualTo(reason);
        }
    }

    static Stream<Arguments> failures() {
        Throwable notSent = new ArangoConnectionException(HOST, "connection refused", false, null);
        Throwable sent = new ArangoConnectionException(HOST, "I/O error: connection reset", true, null);
        Throwable queueFull = new RequestQueueFullException(HOST, 16, 4096);
        Throwable timeout = new ArangoTimeoutException(HOST, Duration.ofSeconds(1), null);
        Throwable tooLarge = new ResponseTooLargeException(HOST, 1024, null);
        Throwable malformed = new MalformedResponseException(HOST, 200, "not JSON", "<html>", null);
        return Stream.of(
                // failure, idempotent, retry on timeout -> action, failovers reason
                Arguments.of(notSent, false, false, MARK_DOWN_AND_FAIL_OVER, "connect"),  // whatever the method
                Arguments.of(notSent, true, false, MARK_DOWN_AND_FAIL_OVER, "connect"),
                Arguments.of(queueFull, false, false, FAIL_OVER, "queue_full"),          // nothing was sent
                Arguments.of(queueFull, true, false, FAIL_OVER, "queue_full"),
                Arguments.of(sent, true, false, FAIL_OVER, "connection"),                // may have been sent
                Arguments.of(sent, false, false, FAIL, null),
                Arguments.of(sent, false, true, FAIL, null),
                Arguments.of(timeout, true, false, FAIL, null),                          // not unless asked
                Arguments.of(timeout, true, true, FAIL_OVER, "timeout"),
                Arguments.of(timeout, false, true, FAIL, null),                          // never for a POST
                Arguments.of(tooLarge, true, true, FAIL, null),                          // the same elsewhere
                Arguments.of(malformed, true, true, FAIL, null),
                Arguments.of(new IllegalStateException("closed"), true, true, FAIL, null),
                Arguments.of(new OutOfMemoryError("heap"), true, true, FAIL, null));
    }

    @ParameterizedTest(name = "{0}, idempotent {1}, retry on timeout {2}: {3}")
    @MethodSource("failures")
    void aFailure(Throwable failure, boolean idempotent, boolean retryOnTimeout, Action action, String reason) {
        AttemptClassifier.Decision decision = new AttemptClassifier(retryOnTimeout).onFailure(failure, idempotent);

        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.reason()).isEqualTo(reason);
    }
}
