package io.aioarango.transport.spi.support;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The "may have been sent" rule, in one place for every transport: whether a failed exchange could have
 * reached the server decides whether the core may send it to another coordinator whatever its method.
 * A failure while connecting (including the TLS handshake, before which nothing is written) surely sent
 * nothing; an I/O failure on an established connection may have sent the request.
 */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /**
     * A connection to {@code host} could not be made: nothing was sent. The reason names an unknown host, a
     * refused connection or a failed TLS handshake when the cause shows one.
     *
     * @param host  the coordinator
     * @param cause the failure met while connecting, or {@code null}
     * @return the exception, with {@link ArangoConnectionException#requestSent()} {@code false}
     */
    public static ArangoConnectionException notConnected(Host host, Throwable cause) {
        return new ArangoConnectionException(host, connectProblem(cause), false, cause);
    }

    /**
     * Connecting took longer than the connect timeout: nothing was sent.
     *
     * @param host  the coordinator
     * @param cause the timeout as the HTTP client reported it, or {@code null}
     * @return the exception, with {@link ArangoConnectionException#requestSent()} {@code false}
     */
    public static ArangoConnectionException connectTimedOut(Host host, Throwable cause) {
        return new ArangoConnectionException(host, "connect timed out", false, cause);
    }

    /**
     * An established connection failed: the request may have been sent, unless the failure is one of
     * connecting after all (a TLS handshake that failed, say).
     *
     * @param host  the coordinator
     * @param cause the failure
     * @return the exception, with {@link ArangoConnectionException#requestSent()} {@code true}, or
     *         {@code false} when {@code cause} holds an {@link SSLHandshakeException}
     */
    public static ArangoConnectionException broken(Host host, Throwable cause) {
        if (find(cause, SSLHandshakeException.class) != null) {
            return notConnected(host, cause);
        }
        String kind = cause instanceof IOException ? "I/O error: " : "connection error: ";
        return new ArangoConnectionException(host, kind + Completions.describe(cause), true, cause);
    }

    /**
     * Whether a failure shows that connecting failed, so that nothing was sent.
     *
     * @param cause the failure, or {@code null}
     * @return {@code true} if {@code cause} or one of its causes is an {@link UnknownHostException},
     *         {@link UnresolvedAddressException}, {@link ConnectException} or {@link SSLHandshakeException}
     */
    public static boolean isConnectFailure(Throwable cause) {
        return find(cause, UnknownHostException.class) != null || find(cause, UnresolvedAddressException.class) != null
                || find(cause, ConnectException.class) != null || find(cause, SSLHandshakeException.class) != null;
    }

    private static String connectProblem(Throwable cause) {
        if (find(cause, UnknownHostException.class) != null || find(cause, UnresolvedAddressException.class) != null) {
            return "unknown host";
        }
        SSLHandshakeException handshake = find(cause, SSLHandshakeException.class);
        if (handshake != null) {
            return "TLS handshake failed: " + handshake.getMessage();
        }
        ConnectException refused = find(cause, ConnectException.class);
        if (refused != null) {
            // java.net.http's refusal has no message on Java 17 ("Connection refused" on later ones).
            String message = refused.getMessage();
            return message == null || message.toLowerCase(java.util.Locale.ROOT).contains("refused")
                    ? "connection refused" : "could not connect: " + Completions.describe(refused);
        }
        return cause == null ? "no connection" : "no connection: " + Completions.describe(cause);
    }

    /** Causes looked at, at most: a chain can be a cycle (A caused by B caused by A), which must not hang us. */
    private static final int MAX_CAUSES = 32;

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
