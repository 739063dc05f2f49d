package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The server's queue time read without Double.parseDouble on the usual form, and the same number. */
class QueueTimeParsingTest {

    @Test
    void plainDecimalsReadAsParseDoubleWould() {
        for (String text : new String[] {"0.000000", "0.002500", "0.000123", "12.5", "3", "0.", ".5", "123456.123456"}) {
            assertThat(ClientMetrics.parseSeconds(text)).as(text)
                    .isCloseTo(Double.parseDouble(text), within(1e-12 * Math.max(1, Double.parseDouble(text))));
        }
    }

    @Test
    void otherFormsGoToParseDoubleAndUnreadableOnesAreNaN() {
        assertThat(ClientMetrics.parseSeconds("1e-3")).isEqualTo(0.001);
        assertThat(ClientMetrics.parseSeconds(" 1")).isEqualTo(1.0); // as Double.parseDouble, which trims
        assertThat(ClientMetrics.parseSeconds("0.0000000000000000001")).isEqualTo(1e-19);
        for (String bad : new String[] {"", "abc", "1.2.3", "-", "NaN", "Infinity", "."}) {
            assertThat(ClientMetrics.parseSeconds(bad)).as(bad).isNaN();
        }
    }
}
