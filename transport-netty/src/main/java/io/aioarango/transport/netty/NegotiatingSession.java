package io.aioarango.transport.netty;

import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.ConnectionFailures;
import io.aioarango.transport.spi.support.DeadlineTimer;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.support.PendingExchanges;
import io.aioarango.transport.spi.PoolStats;
import io.aioarango.transport.spi.TransportRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.aioarango.transport.spi.TransportOptions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The session of an {@code https} coordinator under protocol {@code AUTO}: a first TLS connection asks the
 * server through ALPN whether it speaks HTTP/2, then closes; from then on the session is an HTTP/2 one or
 * an HTTP/1.1 one, and every request goes straight to it. Requests sent before the answer wait for it. If
 * the coordinator cannot be reached, they fail as not sent and the next request asks again.
 */
final class NegotiatingSession implements HttpSession {
    private final Host host;
    private final SslContext sslContext;
    private final TransportOptions options;
    private final Bootstrap bootstrap;
    private final Function<Boolean, HttpSession> sessions;
    private final Consumer<HttpSession> onClose;
    private final PendingExchanges exchanges;

    private final Object lock = new Object();
    /** The session chosen, or the question being asked; null before the first request and after a failure. */
    private CompletableFuture<HttpSession> chosen; // guarded by lock
    /** The answered session, read without the lock by every request once it is there. */
    private volatile HttpSession session;
    private Channel probe; // guarded by lock
    private CompletableFuture<HttpSession> lastAnswered; // guarded by lock
    private boolean closed; // guarded by lock

    NegotiatingSession(Host host, SslContext sslContext, TransportOptions options, Bootstrap bootstrap,
            DeadlineTimer deadlines, Function<Boolean, HttpSession> sessions, Consumer<HttpSession> onClose) {
        this.exchanges = new PendingExchanges(host, options.requestTimeout(), deadlines);
        this.host = host;
        this.sslContext = sslContext;
        this.options = options;
        this.bootstrap = bootstrap;
        this.sessions = sessions;
        this.onClose = onClose;
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public CompletableFuture<TransportResponse> send(TransportRequest request) {
        HttpSession ready = session;
        if (ready != null) {
            return ready.send(request);
        }
        // Bounded by the request timeout, and failed at close, like every exchange, while ALPN is asked.
        CompletableFuture<TransportResponse> result = exchanges.begin();
        if (result.isDone()) {
            return result;
        }
        negotiated().whenComplete((chosenSession, failure) -> {
            if (failure != null) {
                Completions.fail(result, () -> failure);
                return;
            }
            CompletableFuture<TransportResponse> sent = chosenSession.send(request);
            result.whenComplete((response, error) -> sent.cancel(true)); // the caller gave up: so does the exchange
            sent.whenComplete((response, error) -> {
                if (error == null) {
                    result.complete(response);
                } else {
                    Completions.fail(result, () -> error);
                }
            });
        });
        return result;
    }

    private CompletableFuture<HttpSession> negotiated() {
        CompletableFuture<HttpSession> question;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(exchanges.closedError());
            }
            if (chosen != null) {
                return chosen;
            }
            question = chosen = new CompletableFuture<>();
        }
        ask(question);
        return question;
    }

    /** Opens one TLS connection and reads the protocol ALPN chose. */
    private void ask(CompletableFuture<HttpSession> question) {
        ChannelFuture connecting;
        try {
            connecting = bootstrap.clone().handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    SslHandler ssl = Tls.handler(sslContext, channel, host, options);
                    channel.pipeline().addLast(ssl, new Answer(question));
                }
            }).connect();
        } catch (Throwable e) {
            answered(question, null, e);
            return;
        }
        Channel channel = connecting.channel();
        synchronized (lock) {
            if (closed) {
                channel.close();
            } else {
                probe = channel;
            }
        }
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                answered(question, null, connected.cause());
            }
        });
        channel.closeFuture().addListener(done -> answered(question, null,
                new java.io.IOException("the connection closed during the TLS handshake")));
    }

    /** Reads the handshake's outcome on the probe connection, then closes it. */
    private final class Answer extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<HttpSession> question;

        Answer(CompletableFuture<HttpSession> question) {
            this.question = question;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    String protocol = ctx.pipeline().get(SslHandler.class).applicationProtocol();
                    answered(question, ApplicationProtocolNames.HTTP_2.equals(protocol), null);
                } else {
                    answered(question, null, handshake.cause());
                }
                ctx.close();
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answered(question, null, cause);
            ctx.close();
        }
    }

    private void answered(CompletableFuture<HttpSession> question, Boolean h2, Throwable failure) {
        HttpSession made = null;
        synchronized (lock) {
            if (lastAnswered == question || chosen != question) {
                return; // answered already (the probe's close comes after its handshake), or a question of old
            }
            lastAnswered = question;
            probe = null;
            if (h2 != null && !closed) {
                made = sessions.apply(h2);
                session = made;
            } else {
                chosen = null; // the next request asks again
            }
        }
        if (made != null) {
            question.complete(made);
        } else {
            Throwable cause = failure;
            question.completeExceptionally(cause == null
                    ? exchanges.closedError()
                    : ConnectionFailures.isConnectFailure(cause) || cause instanceof java.io.IOException
                            ? ConnectionFailures.notConnected(host, cause)
                            : new io.aioarango.api.ArangoConnectionException(host, "TLS with " + host.authority()
                                    + " failed: " + Completions.describe(cause), false, cause));
        }
    }

    @Override
    public String protocol() {
        HttpSession ready = session;
        return ready == null ? "auto" : ready.protocol();
    }

    @Override
    public Optional<PoolStats> poolStats() {
        HttpSession ready = session;
        return ready == null ? Optional.of(new PoolStats(0, 0, 0)) : ready.poolStats();
    }

    @Override
    public void close() {
        Channel open;
        CompletableFuture<HttpSession> question;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = probe;
            question = chosen;
        }
        if (open != null) {
            open.close();
        }
        exchanges.close(); // fails the requests waiting for the answer
        if (question != null) {
            question.completeExceptionally(exchanges.closedError());
        }
        HttpSession ready = session;
        if (ready != null) {
            ready.close();
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "NegotiatingSession[" + host + ", " + session + "]";
    }
}
