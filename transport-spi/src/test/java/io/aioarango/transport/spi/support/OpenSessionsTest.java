package io.aioarango.transport.spi.support;

import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.TransportRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Host;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A transport's open sessions: all closed with it, none opened after it, none lost to a race. */
class OpenSessionsTest {
    private static final Host A = new Host("http", "a", 8529);
    private static final Host B = new Host("http", "b", 8529);

    /** A session that records whether it was closed and tells the registry. */
    static final class Recorded implements HttpSession {
        final Host host;
        final Consumer<Recorded> onClose;
        boolean closed;

        Recorded(Host host, Consumer<Recorded> onClose) {
            this.host = host;
            this.onClose = onClose;
        }

        @Override
        public Host host() {
            return host;
        }

        @Override
        public CompletableFuture<TransportResponse> send(TransportRequest request) {
            return new CompletableFuture<>();
        }

        @Override
        public void close() {
            closed = true;
            onClose.accept(this);
        }
    }

    @Test
    void closingClosesEveryOpenSessionOnceAndOpensNoneAfter() {
        OpenSessions<Recorded> sessions = new OpenSessions<>("test");
        Recorded a = sessions.open(A, Recorded::new);
        Recorded b = sessions.open(B, Recorded::new);
        b.close();
        assertThat(sessions.size()).as("a closed session leaves the registry").isEqualTo(1);

        assertThat(sessions.close()).isTrue();
        assertThat(sessions.close()).as("only the first close frees the transport's threads").isFalse();

        assertThat(a.closed).isTrue();
        assertThat(sessions.size()).isZero();
        assertThatThrownBy(() -> sessions.open(A, Recorded::new)).isInstanceOf(IllegalStateException.class)
                .hasMessage("The test transport is closed; no session can be opened for http://a:8529");
    }

    @Test
    void aSessionOpenedWhileTheTransportClosesIsClosedNotLeaked() {
        OpenSessions<Recorded> sessions = new OpenSessions<>("test");
        Recorded[] opened = new Recorded[1];

        assertThatThrownBy(() -> sessions.open(A, (host, onClose) -> {
            sessions.close(); // the transport closes while this session is being built
            opened[0] = new Recorded(host, onClose);
            return opened[0];
        })).isInstanceOf(IllegalStateException.class);

        assertThat(opened[0].closed).isTrue();
        assertThat(sessions.size()).isZero();
    }
}
