package io.aioarango.transport.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The "may have been sent" rule every transport applies through this class. */
class ConnectionFailuresTest {
    private static final Host HOST = new Host("http", "db1", 8529);

    @Test
    void failuresWhileConnectingSentNothingAndSayWhy() {
        assertThat(ConnectionFailures.notConnected(HOST, new UnknownHostException("db1")))
                .satisfies(e -> assertThat(e.requestSent()).isFalse()).hasMessage(HOST + ": unknown host");
        assertThat(ConnectionFailures.notConnected(HOST, new IOException(new UnresolvedAddressException())))
                .hasMessage(HOST + ": unknown host");
        assertThat(ConnectionFailures.notConnected(HOST, new ConnectException())).hasMessage(HOST + ": connection refused");
        assertThat(ConnectionFailures.notConnected(HOST, new ConnectException("Connection refused: db1/1.2.3.4:8529")))
                .hasMessage(HOST + ": connection refused");
        assertThat(ConnectionFailures.notConnected(HOST, new ConnectException("Network is unreachable")))
                .hasMessage(HOST + ": could not connect: network is unreachable");
        assertThat(ConnectionFailures.notConnected(HOST, new SSLHandshakeException("PKIX path building failed")))
                .hasMessage(HOST + ": TLS handshake failed: PKIX path building failed");
        assertThat(ConnectionFailures.connectTimedOut(HOST, null))
                .satisfies(e -> assertThat(e.requestSent()).isFalse()).hasMessage(HOST + ": connect timed out");
    }

    @Test
    void aCycleOfCausesEndsTheSearch() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        assertThat(ConnectionFailures.isConnectFailure(a)).isFalse();
        assertThat(ConnectionFailures.broken(HOST, a).requestSent()).isTrue();
    }

    @Test
    void anEstablishedConnectionThatBrokeMayHaveSentTheRequest() {
        ArangoConnectionException reset = ConnectionFailures.broken(HOST, new SocketException("Connection reset"));
        assertThat(reset.requestSent()).isTrue();
        assertThat(reset).hasMessage(HOST + ": I/O error: connection reset");
        assertThat(ConnectionFailures.broken(HOST, new ClosedChannelException()))
                .hasMessage(HOST + ": I/O error: ClosedChannelException");
        assertThat(ConnectionFailures.broken(HOST, new IllegalStateException("decoder")))
                .hasMessage(HOST + ": connection error: decoder");
    }

    @Test
    void aHandshakeThatFailedOnTheConnectionStillSentNothing() {
        ArangoConnectionException failure = ConnectionFailures.broken(HOST,
                new RuntimeException(new SSLHandshakeException("certificate does not name db1")));

        assertThat(failure.requestSent()).isFalse();
        assertThat(failure).hasMessage(HOST + ": TLS handshake failed: certificate does not name db1");
        assertThat(ConnectionFailures.isConnectFailure(new IOException(new ConnectException()))).isTrue();
        assertThat(ConnectionFailures.isConnectFailure(new SocketException("Connection reset"))).isFalse();
    }
}
