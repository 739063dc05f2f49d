package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The running 95th percentile that sets the hedge delay. */
class LatencyPercentileTest {

    @Test
    void settlesWhereOneSampleInTwentyLiesAbove() {
        LatencyPercentile estimate = new LatencyPercentile();
        Random random = new Random(7); // fixed: the same samples every run
        for (int i = 0; i < 20_000; i++) {
            estimate.add(1_000 + random.nextInt(1_000)); // uniform over 1,000..1,999 ns: the p95 is 1,950
        }
        assertThat(estimate.p95Nanos()).isBetween(1_850L, 2_050L);
    }

    @Test
    void isTrustedOnlyAfterTwentyAnswers() {
        LatencyPercentile estimate = new LatencyPercentile();
        for (int i = 0; i < LatencyPercentile.SAMPLES_TRUSTED - 1; i++) {
            estimate.add(1_000);
        }
        assertThat(estimate.trusted()).isFalse();
        estimate.add(1_000);
        assertThat(estimate.trusted()).isTrue();
    }

    @Test
    void aColdStartFadesAsAnswersComeQuickly() {
        LatencyPercentile estimate = new LatencyPercentile();
        estimate.add(500_000_000); // the first answer of a cold client: half a second
        for (int i = 0; i < 5_000; i++) {
            estimate.add(1_000_000);
        }
        assertThat(estimate.p95Nanos()).isLessThan(2_000_000);
    }

    @Test
    void operationsAreTrackedApart() {
        LatencyPercentile.ByOperation estimates = new LatencyPercentile.ByOperation();
        estimates.of("cluster.health").add(50_000_000);
        estimates.of("cluster.serverId").add(1_000_000);
        assertThat(estimates.of("cluster.health").p95Nanos()).isEqualTo(50_000_000);
        assertThat(estimates.of("cluster.serverId").p95Nanos()).isEqualTo(1_000_000);
        assertThat(estimates.of("cluster.health")).isSameAs(estimates.of("cluster.health"));
    }
}
