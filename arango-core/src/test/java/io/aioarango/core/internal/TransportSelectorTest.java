package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transport is chosen deterministically: builder, then system property, then priority. */
class TransportSelectorTest {

    private static TransportProvider provider(String name, int priority) {
        return new TransportProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Transport create(TransportOptions options) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static final List<TransportProvider> BOTH = List.of(provider("netty", 20), provider("jdk", 10));

    @Test
    void theBuildersChoiceWinsOverThePropertyAndThePriority() {
        assertThat(TransportSelector.select("jdk", "netty", BOTH).name()).isEqualTo("jdk");
    }

    @Test
    void thePropertyWinsOverThePriority() {
        assertThat(TransportSelector.select(null, "jdk", BOTH).name()).isEqualTo("jdk");
        assertThat(TransportSelector.select(null, " JDK ", BOTH).name()).isEqualTo("jdk");
    }

    @Test
    void otherwiseTheFirstOfTheDiscoveredOrderWhichIsHighestPriority() {
        assertThat(TransportSelector.select(null, null, BOTH).name()).isEqualTo("netty");
        assertThat(TransportSelector.select(null, "", BOTH).name()).isEqualTo("netty");
    }

    @Test
    void noTransportAtAllNamesTheArtifactsToAdd() {
        assertThatThrownBy(() -> TransportSelector.select(null, null, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No aioarango transport found on the class path. Add io.aioarango:transport-jdk "
                        + "(java.net.http, no further dependencies) or io.aioarango:transport-netty to your dependencies.");
    }

    @Test
    void aMissingNamedTransportNamesWhatWasFoundAndTheFix() {
        List<TransportProvider> jdkOnly = List.of(provider("jdk", 10));
        assertThatThrownBy(() -> TransportSelector.select("netty", null, jdkOnly))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Transport 'netty' (set on the builder) is not on the class path; found: [jdk]. "
                        + "Add io.aioarango:transport-netty to your dependencies, or choose one of [jdk].");
        assertThatThrownBy(() -> TransportSelector.select(null, "okhttp", jdkOnly))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Transport 'okhttp' (set by -Daioarango.transport) is not on the class path; found: [jdk]. "
                        + "The SDK's own transports are jdk (io.aioarango:transport-jdk) and netty "
                        + "(io.aioarango:transport-netty); a transport of another name must be on the class path with "
                        + "its META-INF/services/io.aioarango.transport.spi.TransportProvider entry. Or choose one of [jdk].")
                .hasMessageNotContaining("transport-okhttp");
    }

    @Test
    void withBothOnTheClassPathNettyHasTheHigherPriority() {
        assertThat(TransportSelector.discover()).extracting(TransportProvider::name).containsExactly("netty", "jdk");
        assertThat(TransportSelector.select(null).name()).isEqualTo("netty");
    }

    @Test
    void theChoiceIsLoggedOnceAtDebugWithTheCandidatesFound() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(TransportSelector.class.getName());
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level previous = jul.getLevel();
        jul.setLevel(java.util.logging.Level.FINE);
        jul.addHandler(handler);
        try {
            TransportSelector.select(null);
        } finally {
            jul.removeHandler(handler);
            jul.setLevel(previous);
        }
        assertThat(lines).containsExactly("FINE aioarango transport 'netty' chosen (highest priority); found "
                + "[netty (priority 20), jdk (priority 10)]");
    }

    @Test
    void thePropertyAndTheBuilderChooseAmongTheClassPath() {
        String previous = System.getProperty(TransportSelector.PROPERTY);
        System.setProperty(TransportSelector.PROPERTY, "jdk");
        try {
            assertThat(TransportSelector.select(null).name()).isEqualTo("jdk");
            assertThat(TransportSelector.select("netty").name()).isEqualTo("netty");
        } finally {
            if (previous == null) {
                System.clearProperty(TransportSelector.PROPERTY);
            } else {
                System.setProperty(TransportSelector.PROPERTY, previous);
            }
        }
    }
}
