package io.aioarango.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aioarango.api.Host;
import io.aioarango.api.HttpProtocol;
import io.aioarango.api.spi.HttpSession;
import io.aioarango.api.spi.Transport;
import io.aioarango.api.spi.TransportOptions;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the jdk transport does with each protocol mode where java.net.http decides. */
class JdkHttpProtocolTest {

    private static Transport transport(HttpProtocol protocol) {
        return new JdkTransportProvider().create(TransportOptions.builder().protocol(protocol).build());
    }

    @Test
    void h2OverCleartextFailsAtOpenSessionSayingWhatToUseInstead() {
        Host cleartext = new Host("http", "127.0.0.1", 8529);
        try (Transport transport = transport(HttpProtocol.H2)) {
            Throwable thrown = catchThrowable(() -> transport.openSession(cleartext));

            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            String message = thrown.getMessage().toLowerCase(Locale.ROOT);
            assertThat(message).as("says why, and what works instead: https, the netty transport")
                    .contains("java.net.http", "cleartext", "https", "netty");
            assertThat(message).as("names a protocol mode that works over http://").containsAnyOf("http1", "auto");
        }
    }

    @Test
    void h2OverTlsAndEveryModeOverCleartextOpenSessions() {
        try (Transport transport = transport(HttpProtocol.H2)) {
            // Opening a session connects nowhere yet: nothing listens there, and nothing need.
            HttpSession session = transport.openSession(new Host("https", "127.0.0.1", 8529));
            assertThat(session.host().scheme()).isEqualTo("https");
        }
        for (HttpProtocol protocol : new HttpProtocol[] {HttpProtocol.HTTP1, HttpProtocol.AUTO}) {
            try (Transport transport = transport(protocol)) {
                assertThat(transport.openSession(new Host("http", "127.0.0.1", 8529)).host().port()).isEqualTo(8529);
            }
        }
    }
}
