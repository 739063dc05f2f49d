package io.aioarango.transport.jdk;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.HttpHeaders;
import io.aioarango.api.HttpResponse;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.api.internal.PendingExchanges;
import io.aioarango.api.spi.HttpRequest;
import io.aioarango.api.spi.HttpSession;
import io.aioarango.api.spi.TransportOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The session of one coordinator: its own {@link HttpClient}, so its own connections. java.net.http
 * opens a connection for every concurrent exchange, so the session itself bounds them: at most
 * {@code maxConnectionsPerHost} exchanges run at once, at most {@code maxPendingRequestsPerHost} wait.
 */
final class JdkHttpSession implements HttpSession {
    /** Headers {@code java.net.http} sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final Host host;
    private final HttpClient client;
    private final Executor executor;
    private final TransportOptions options;
    private final Consumer<JdkHttpSession> onClose;
    private final PendingExchanges exchanges;
    private final Object lock = new Object();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>(); // guarded by lock
    private int running; // guarded by lock

    JdkHttpSession(Host host, HttpClient client, Executor executor, ScheduledExecutorService timer,
            TransportOptions options, Consumer<JdkHttpSession> onClose) {
        this.host = host;
        this.client = client;
        this.executor = executor;
        this.options = options;
        this.exchanges = new PendingExchanges(host, options.requestTimeout(), timer);
        this.onClose = onClose;
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public CompletableFuture<HttpResponse> send(HttpRequest request) {
        CompletableFuture<HttpResponse> result = exchanges.begin();
        if (result.isDone()) {
            return result;
        }
        Exchange exchange;
        try {
            exchange = new Exchange(toJdk(request), result);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        boolean startNow;
        synchronized (lock) {
            startNow = running < options.maxConnectionsPerHost();
            if (startNow) {
                running++;
                exchange.started = true;
            } else if (waiting.size() < options.maxPendingRequestsPerHost()) {
                waiting.add(exchange);
            } else {
                result.completeExceptionally(new RequestQueueFullException(host, options.maxConnectionsPerHost(),
                        options.maxPendingRequestsPerHost()));
                return result;
            }
        }
        result.whenComplete((response, failure) -> finished(exchange));
        if (startNow) {
            start(exchange);
        }
        return result;
    }

    private void start(Exchange exchange) {
        try {
            executor.execute(exchange);
        } catch (RejectedExecutionException e) {
            exchange.result.completeExceptionally(exchanges.closedError());
        }
    }

    /** Frees the slot of an exchange that ended, for the next one waiting, if any. */
    private void finished(Exchange exchange) {
        Exchange next;
        synchronized (lock) {
            if (!exchange.started) {
                waiting.remove(exchange); // timed out or cancelled while waiting
                return;
            }
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
            next.started = true;
        }
        start(next);
    }

    /** One request: started at once, or later when an earlier exchange ends. */
    private final class Exchange implements Runnable {
        final java.net.http.HttpRequest request;
        final CompletableFuture<HttpResponse> result;
        boolean started; // guarded by lock

        Exchange(java.net.http.HttpRequest request, CompletableFuture<HttpResponse> result) {
            this.request = request;
            this.result = result;
        }

        /** Runs on the transport's executor: sendAsync may resolve the host name on the calling thread. */
        @Override
        public void run() {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<java.net.http.HttpResponse<byte[]>> sent;
            try {
                sent = client.sendAsync(request, LimitedBodySubscriber.handler(options.maxResponseBytes()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            sent.whenComplete((response, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(translate(failure));
                } else {
                    result.complete(fromJdk(response));
                }
            });
            // Timed out, cancelled or closed first: abort the exchange so that its connection is freed.
            result.whenComplete((response, failure) -> sent.cancel(true));
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(
                        URI.create(host.url() + request.target()))
                .timeout(options.requestTimeout())
                .method(request.method().name(), request.hasBody()
                        ? java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body())
                        : java.net.http.HttpRequest.BodyPublishers.noBody());
        request.headers().asMap().forEach((name, values) -> {
            if (!RESTRICTED.contains(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    private static HttpResponse fromJdk(java.net.http.HttpResponse<byte[]> response) {
        return new HttpResponse(response.statusCode(), HttpHeaders.of(response.headers().map()), response.body());
    }

    /** Sorts a failure into what the core needs to know: was the request surely not sent? */
    private Throwable translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LimitedBodySubscriber.TooLarge) {
                return new ResponseTooLargeException(host, options.maxResponseBytes(), null);
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new ArangoConnectionException(host, "connect timed out", false, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ArangoTimeoutException(host, options.requestTimeout(), cause);
        }
        if (cause instanceof ConnectException) {
            return new ArangoConnectionException(host, "connection refused", false, cause);
        }
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException
                || cause.getCause() instanceof UnresolvedAddressException) {
            return new ArangoConnectionException(host, "unknown host", false, cause);
        }
        if (cause instanceof IOException) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new ArangoConnectionException(host, "I/O error: " + message.toLowerCase(Locale.ROOT), true,
                    cause);
        }
        return cause;
    }

    @Override
    public void close() {
        if (exchanges.close()) {
            onClose.accept(this);
            shutdownNow(client);
        }
    }

    /**
     * Java 21 added {@code HttpClient.shutdownNow()}, which closes the client's connections and its
     * selector thread at once; on Java 17 they go when the client object is collected.
     */
    private static final java.lang.reflect.Method SHUTDOWN_NOW = findShutdownNow();

    private static java.lang.reflect.Method findShutdownNow() {
        try {
            return HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static void shutdownNow(HttpClient client) {
        if (SHUTDOWN_NOW != null) {
            try {
                SHUTDOWN_NOW.invoke(client);
            } catch (ReflectiveOperationException ignored) {
                // Best effort: the pending futures have already been failed.
            }
        }
    }

    @Override
    public String toString() {
        return "JdkHttpSession[" + host + "]";
    }
}
