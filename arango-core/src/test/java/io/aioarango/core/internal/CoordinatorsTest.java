package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.Host;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How the coordinator list changes under endpoint discovery. */
class CoordinatorsTest {
    private final Host a = new Host("http", "a", 8529);
    private final Host b = new Host("http", "b", 8529);
    private final Host c = new Host("http", "c", 8529);

    /** Sessions that record whether they were opened and closed, and each request sent, left unanswered. */
    static final class RecordingTransport implements Transport {
        final Map<Host, Boolean> closedByHost = new LinkedHashMap<>();
        final List<Host> opened = new ArrayList<>();
        final List<TransportRequest> sent = new ArrayList<>();
        /** The answers to {@link #sent}, in the same order, for the test to give. */
        final List<CompletableFuture<TransportResponse>> answers = new ArrayList<>();
        /** Sessions that may still be opened; then openSession fails, as at the file-descriptor limit. */
        int sessionsLeft = Integer.MAX_VALUE;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public HttpSession openSession(Host host) {
            if (sessionsLeft-- <= 0) {
                throw new IllegalStateException("Too many open files");
            }
            opened.add(host);
            closedByHost.put(host, false);
            return new HttpSession() {
                @Override
                public Host host() {
                    return host;
                }

                @Override
                public CompletableFuture<TransportResponse> send(TransportRequest request) {
                    CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
                    sent.add(request);
                    answers.add(answer);
                    return answer;
                }

                @Override
                public void close() {
                    closedByHost.put(host, true);
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private Coordinators coordinators(RecordingTransport transport, Host... hosts) {
        return new Coordinators(transport, List.of(hosts), Duration.ofSeconds(1), Duration.ofSeconds(30),
                new ClientMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    @Test
    void newCoordinatorsGetASessionAndTheOrderFollowsTheAnswer() {
        RecordingTransport transport = new RecordingTransport();
        Coordinators coordinators = coordinators(transport, a, b);

        assertThat(coordinators.update(List.of(c, a, b))).isTrue();

        assertThat(coordinators.hosts()).containsExactly(c, a, b);
        assertThat(transport.opened).containsExactly(a, b, c);
        assertThat(coordinators.update(List.of(c, a, b))).as("the same list changes nothing").isFalse();
    }

    @Test
    void aRemovedCoordinatorIsClosedOnlyAfterItsRequestsInFlight() {
        RecordingTransport transport = new RecordingTransport();
        Coordinators coordinators = coordinators(transport, a, b);
        Coordinators.Coordinator busy = coordinators.active().get(0);
        busy.started();
        busy.started();

        coordinators.update(List.of(b));

        assertThat(coordinators.hosts()).containsExactly(b);
        assertThat(transport.closedByHost.get(a)).as("two requests still in flight").isFalse();
        busy.finished(-1);
        assertThat(transport.closedByHost.get(a)).as("one still in flight").isFalse();
        busy.finished(-1);
        assertThat(transport.closedByHost.get(a)).isTrue();
        assertThat(transport.closedByHost.get(b)).isFalse();
    }

    @Test
    void anIdleRemovedCoordinatorIsClosedAtOnceAndAReturningOneGetsANewSession() {
        RecordingTransport transport = new RecordingTransport();
        Coordinators coordinators = coordinators(transport, a, b);

        coordinators.update(List.of(b));
        assertThat(transport.closedByHost.get(a)).isTrue();

        coordinators.update(List.of(a, b));
        assertThat(transport.opened).containsExactly(a, b, a);
        assertThat(transport.closedByHost.get(a)).isFalse();
    }

    @Test
    void closingClosesEverySession() {
        RecordingTransport transport = new RecordingTransport();
        Coordinators coordinators = coordinators(transport, a, b);

        coordinators.close();

        assertThat(transport.closedByHost).containsOnlyKeys(a, b).doesNotContainValue(false);
        assertThat(coordinators.hosts()).isEmpty();
    }

    @Test
    void onlyTheClientsOwnCoordinatorsAreFound() {
        RecordingTransport transport = new RecordingTransport();
        Coordinators coordinators = coordinators(transport, a, b);

        assertThat(coordinators.find(b).host()).isEqualTo(b);
        assertThat(coordinators.find(c)).as("a host nobody configured or discovered").isNull();
        assertThat(transport.opened).containsExactly(a, b);
    }

    @Test
    void anUpdateThatCannotOpenEverySessionChangesNothingAndClosesWhatItOpened() {
        RecordingTransport transport = new RecordingTransport();
        Coordinators coordinators = coordinators(transport, a);
        Host d = new Host("http", "d", 8529);
        transport.sessionsLeft = 2; // b and c open, d fails

        assertThatThrownBy(() -> coordinators.update(List.of(b, c, d, a))).hasMessage("Too many open files");

        assertThat(coordinators.hosts()).containsExactly(a);
        assertThat(transport.closedByHost).containsEntry(a, false).containsEntry(b, true).containsEntry(c, true);
        transport.sessionsLeft = Integer.MAX_VALUE;
        assertThat(coordinators.update(List.of(b, c, d, a))).as("the next answer applies").isTrue();
        assertThat(coordinators.hosts()).containsExactly(b, c, d, a);
        assertThat(transport.closedByHost).containsEntry(b, false).containsEntry(c, false).containsEntry(d, false);
    }
}
