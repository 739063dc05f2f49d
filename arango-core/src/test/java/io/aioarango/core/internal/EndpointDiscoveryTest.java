package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.Credentials;
import io.aioarango.api.Host;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What discovery does with an answer, apart from asking for it. */
class EndpointDiscoveryTest {
    private final CoordinatorsTest.RecordingTransport transport = new CoordinatorsTest.RecordingTransport();

    private EndpointDiscovery discovery(int maxCoordinators, String... hosts) {
        Coordinators coordinators = new Coordinators(transport, HostParser.parse(List.of(hosts)),
                Duration.ofSeconds(1), Duration.ofSeconds(30), new ClientMetrics(new SimpleMeterRegistry()));
        this.coordinators = coordinators;
        return new EndpointDiscovery(null, coordinators, new DatabaseRoute("_system", Credentials.of("root", "pw")),
                Duration.ofMinutes(1), maxCoordinators, null);
    }

    private Coordinators coordinators;

    @Test
    void anAnswerWithoutTlsIsNotAppliedToCoordinatorsThatUseIt() {
        EndpointDiscovery discovery = discovery(64, "https://a:8529");

        assertThat(discovery.apply(List.of("ssl://a:8529", "tcp://b:8529"))).isFalse();
        assertThat(coordinators.hosts()).containsExactly(new Host("https", "a", 8529));
        assertThat(transport.opened).as("no session for the plain-http endpoint").hasSize(1);

        assertThat(discovery.apply(List.of("ssl://a:8529", "ssl://b:8529"))).isTrue();
        assertThat(coordinators.hosts()).containsExactly(new Host("https", "a", 8529), new Host("https", "b", 8529));
    }

    @Test
    void anAnswerOverTheCapKeepsTheCoordinatorsInUseFirstInTheOrderListed() {
        EndpointDiscovery discovery = discovery(2, "http://seed:8529");

        assertThat(discovery.apply(List.of("tcp://x:8529", "tcp://y:8529", "tcp://seed:8529", "tcp://z:8529")))
                .isTrue();

        assertThat(coordinators.hosts()).containsExactly(new Host("http", "x", 8529), new Host("http", "seed", 8529));
    }
}
