package io.aioarango.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The hedging policies and the builder settings that go with them. */
class HedgingTest {
    private static final long MS = 1_000_000;

    @Test
    void adaptiveHedgesAfterTheP95ButNeverSoonerThanItsFloor() {
        assertThat(Hedging.adaptive().delayNanos(3 * MS)).isEqualTo(20 * MS);
        assertThat(Hedging.adaptive().delayNanos(80 * MS)).isEqualTo(80 * MS);
        assertThat(Hedging.adaptive(Duration.ofMillis(5)).delayNanos(3 * MS)).isEqualTo(5 * MS);
        assertThat(Hedging.adaptive().enabled()).isTrue();
    }

    @Test
    void aFixedDelayIgnoresTheP95() {
        assertThat(Hedging.after(Duration.ofMillis(50)).delayNanos(500 * MS)).isEqualTo(50 * MS);
    }

    @Test
    void offStillTellsASlowAttemptAsAdaptiveWould() {
        assertThat(Hedging.off().enabled()).isFalse();
        assertThat(Hedging.off().delayNanos(3 * MS)).isEqualTo(Hedging.adaptive().delayNanos(3 * MS));
    }

    @Test
    void badSettingsNameTheValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> Hedging.after(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Hedging delay PT0S is not accepted; use a positive duration");
        assertThatThrownBy(() -> Hedging.adaptive(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Hedging minDelay null is not accepted; use a positive duration");
        assertThatThrownBy(() -> ArangoClient.builder().ejectAfterSlowAttempts(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ejectAfterSlowAttempts -1 is not accepted; use 1 or more, or 0 never to eject");
        assertThatThrownBy(() -> ArangoClient.builder().hedging(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theDescriptionsReadAsTheCallsThatMadeThem() {
        assertThat(Hedging.off()).hasToString("Hedging.off()");
        assertThat(Hedging.adaptive()).hasToString("Hedging.adaptive(PT0.02S)");
        assertThat(Hedging.after(Duration.ofMillis(50))).hasToString("Hedging.after(PT0.05S)");
    }
}
