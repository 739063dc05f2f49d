package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.Host;
import io.aioarango.api.HttpResponse;
import io.aioarango.api.spi.HttpRequest;
import io.aioarango.api.spi.HttpSession;
import io.aioarango.api.spi.Transport;
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

    /** Sessions that only record whether they were opened and closed. */
    static final class RecordingTransport implements Transport {
        final Map<Host, Boolean> closedByHost = new LinkedHashMap<>();
        final List<Host> opened = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public HttpSession openSession(Host host) {
            opened.add(host);
            closedByHost.put(host, false);
            return new HttpSession() {
                @Override
                public Host host() {
                    return host;
                }

                @Override
                public CompletableFuture<HttpResponse> send(HttpRequest request) {
                    return new CompletableFuture<>();
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
        busy.finished();
        assertThat(transport.closedByHost.get(a)).as("one still in flight").isFalse();
        busy.finished();
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
    void closingClosesEverySessionRedirectTargetsIncluded() {
        RecordingTransport transport = new RecordingTransport();
        Coordinators coordinators = coordinators(transport, a);
        coordinators.get(c); // a redirect target: a session, but not offered to resolvers

        assertThat(coordinators.hosts()).containsExactly(a);
        coordinators.close();

        assertThat(transport.closedByHost).containsOnlyKeys(a, c).doesNotContainValue(false);
    }
}
