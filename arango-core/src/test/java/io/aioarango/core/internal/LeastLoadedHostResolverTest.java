package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.Host;
import io.aioarango.api.HostCandidate;
import io.aioarango.api.HostResolver;
import io.aioarango.core.HostResolvers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the resolvers make of the load they are shown. */
class LeastLoadedHostResolverTest {
    private record Candidate(Host host, int inFlight, long latencyNanos) implements HostCandidate {
    }

    private static Candidate candidate(int port, int inFlight, long latencyNanos) {
        return new Candidate(new Host("http", "127.0.0.1", port), inFlight, latencyNanos);
    }

    private static Map<Integer, Integer> picks(HostResolver resolver, List<Candidate> candidates, int times) {
        Map<Integer, Integer> picks = new HashMap<>();
        for (int i = 0; i < times; i++) {
            picks.merge(resolver.choose(candidates).host().port(), 1, Integer::sum);
        }
        return picks;
    }

    @Test
    void aCoordinatorPilingUpRequestsIsNeverPickedOverAnIdleOne() {
        // The one with 12 requests in flight loses every draw it is in: of two, the cheaper is taken.
        List<Candidate> candidates = List.of(candidate(1, 0, 1_000_000), candidate(2, 12, 1_000_000),
                candidate(3, 1, 1_000_000));
        Map<Integer, Integer> picks = picks(HostResolvers.leastLoaded(), candidates, 3000);
        assertThat(picks).doesNotContainKey(2);
        // 1 wins every draw it is in (two of three), 3 only the draw of 2 and 3.
        assertThat(picks.get(1)).isBetween(1700, 2300);
        assertThat(picks.get(3)).isBetween(700, 1300);
    }

    @Test
    void latencyWeighsTheRequestsInFlight() {
        // Two in flight at 1 ms cost less than none at 10 ms.
        List<Candidate> candidates = List.of(candidate(1, 2, 1_000_000), candidate(2, 0, 10_000_000));
        assertThat(picks(HostResolvers.leastLoaded(), candidates, 100)).containsOnlyKeys(1);
    }

    @Test
    void equalCoordinatorsShareTheLoad() {
        List<Candidate> candidates = List.of(candidate(1, 0, 0), candidate(2, 0, 0), candidate(3, 0, 0));
        Map<Integer, Integer> picks = picks(HostResolvers.leastLoaded(), candidates, 3000);
        // Ties go to the first drawn, which is uniform: a fair share is 1,000, the bounds over 7 deviations away.
        assertThat(picks.values()).hasSize(3).allSatisfy(n -> assertThat(n).isBetween(750, 1260));
    }

    @Test
    void theOnlyCandidateIsPicked() {
        Candidate only = candidate(1, 99, 99_000_000);
        assertThat(HostResolvers.leastLoaded().choose(List.of(only))).isSameAs(only);
    }

    @Test
    void aResolverOfHostsAloneIsOfferedTheHostsAndItsPickMappedBack() {
        List<Candidate> candidates = List.of(candidate(1, 0, 0), candidate(2, 5, 0));
        HostResolver last = hosts -> hosts.get(hosts.size() - 1);
        assertThat(last.choose(candidates)).isSameAs(candidates.get(1));

        Host stranger = new Host("http", "elsewhere", 8529);
        HostResolver lost = hosts -> stranger;
        assertThatThrownBy(() -> lost.choose(candidates)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned http://elsewhere:8529, which is not one of the candidates");
    }

    @Test
    void roundRobinTakesTurnsWhateverTheLoad() {
        List<Candidate> candidates = List.of(candidate(1, 0, 0), candidate(2, 50, 0), candidate(3, 0, 0));
        assertThat(picks(HostResolvers.roundRobin(), candidates, 300)).containsExactlyInAnyOrderEntriesOf(
                Map.of(1, 100, 2, 100, 3, 100));
    }
}
