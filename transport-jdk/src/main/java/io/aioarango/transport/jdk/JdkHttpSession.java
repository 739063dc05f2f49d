package io.aioarango.transport.jdk;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.ArangoException;
import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.ConnectionFailures;
import io.aioarango.transport.spi.support.PendingExchanges;
import io.aioarango.transport.spi.support.ResponseBodyBuffer;
import io.aioarango.transport.spi.support.ResponseChecks;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.TransportOptions;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The session of one coordinator on the transport's shared {@link HttpClient}, which keeps the
 * connections of every host. java.net.http opens a connection for every concurrent exchange, so the
 * session itself bounds them: at most {@code maxConnectionsPerHost} exchanges run at once, at most
 * {@code maxPendingRequestsPerHost} wait. Closing the session fails its pending requests and cancels
 * their exchanges, which closes their connections.
 */
final class JdkHttpSession implements HttpSession {
    /** Headers {@code java.net.http} sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** What java.net.http's header parser says when the JVM's jdk.http.maxHeaderSize is passed. */
    private static final String JDK_HEADER_LIMIT = "Header size too big";
    /**
     * The starts of the messages of the plain IOExceptions java.net.http's body parsers throw for a
     * malformed body (ResponseContent): the answer was wrong, the connection was fine.
     */
    private static final List<String> JDK_BODY_PARSER_COMPLAINTS = List.of("invalid content", "chunk header",
            "invalid chunk header", "illegal character in chunk size");

    private final Host host;
    /**
     * The transport's client; dropped on close, so that on Java 17 (which cannot close a client) the client,
     * its selector thread and its idle connections go once the transport has closed, even while callers still
     * hold closed sessions.
     */
    private volatile HttpClient client;
    private final Executor executor;
    /** HTTP/1.1, or HTTP/2 over TLS (java.net.http falls back to HTTP/1.1 if the server offers no h2). */
    private final HttpClient.Version version;
    private final TransportOptions options;
    private final Consumer<JdkHttpSession> onClose;
    private final PendingExchanges exchanges;
    private final Object lock = new Object();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>(); // guarded by lock
    private int running; // guarded by lock
    /**
     * Whether the host is an IP address: then no exchange needs the hop to the transport's executor, which
     * exists because sendAsync may look a host name up on the calling thread.
     */
    private final boolean literalAddress;
    private static final int MAX_URIS = 256;
    private final Map<String, URI> uris = new ConcurrentHashMap<>();

    /** An IPv4 literal (four decimal parts) or an IPv6 literal (it holds a colon, which no name can). */
    static boolean isAddressLiteral(String hostname) {
        if (hostname.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = hostname.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    JdkHttpSession(Host host, HttpClient client, Executor executor, ScheduledExecutorService timer,
            TransportOptions options, HttpClient.Version version, Consumer<JdkHttpSession> onClose) {
        this.host = host;
        this.version = version;
        this.literalAddress = isAddressLiteral(host.hostname());
        this.client = client;
        this.executor = executor;
        this.options = options;
        this.exchanges = new PendingExchanges(host, options.requestTimeout(), timer);
        this.onClose = onClose;
    }

    /** {@code h2} where requests ask for HTTP/2 (over TLS; java.net.http may still fall back to HTTP/1.1). */
    @Override
    public String protocol() {
        return version == HttpClient.Version.HTTP_2 ? "h2" : "http1";
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public CompletableFuture<TransportResponse> send(TransportRequest request) {
        CompletableFuture<TransportResponse> result = exchanges.begin();
        if (result.isDone()) {
            return result;
        }
        Exchange exchange;
        try {
            exchange = new Exchange(toJdk(request), request.method(), result);
        } catch (Throwable e) {
            Completions.failUnbuilt(result, host, e); // nothing was sent
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
            start(exchange, true);
        }
        return result;
    }

    /**
     * @param callerThread whether this is the caller's own thread, in {@link #send}: never one of
     *                     java.net.http's, from which starting another exchange is not safe
     */
    private void start(Exchange exchange, boolean callerThread) {
        if (callerThread && literalAddress) {
            exchange.run(); // nothing to look up: sendAsync returns at once, so the caller's thread can call it
            return;
        }
        try {
            executor.execute(exchange);
        } catch (Throwable e) { // RejectedExecutionException once the transport closed
            Completions.fail(exchange.result, () -> e instanceof RejectedExecutionException ? exchanges.closedError()
                    : new ArangoConnectionException(host, "could not start the request: " + Completions.describe(e),
                            false, e));
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
        start(next, false);
    }

    /** One request: started at once, or later when an earlier exchange ends. */
    private final class Exchange implements Runnable {
        final java.net.http.HttpRequest request;
        final HttpMethod method;
        final CompletableFuture<TransportResponse> result;
        boolean started; // guarded by lock

        Exchange(java.net.http.HttpRequest request, HttpMethod method, CompletableFuture<TransportResponse> result) {
            this.request = request;
            this.method = method;
            this.result = result;
        }

        /**
         * java.net.http's own future of this exchange, once {@code sendAsync} returned it: a
         * {@code whenCompleteAsync(noop, ASYNC_POOL)} stage, whose task goes to {@code CompletableFuture}'s
         * default executor once the exchange ends. On Java 17 that executor starts a new thread per task while
         * the common pool has a parallelism of 1 (machines of 2 cores or fewer); later JDKs use a pool.
         * {@link #beforeJdkCompletes} completes it first, so that for an answer the task is never submitted;
         * the answer comes to the caller from the body subscriber instead. A failure without an answer still
         * comes through it, thread and all.
         */
        private volatile CompletableFuture<?> sent;

        /** Runs on the transport's executor: sendAsync may resolve the host name on the calling thread. */
        @Override
        public void run() {
            HttpClient current = client;
            if (current == null) {
                Completions.fail(result, exchanges::closedError); // closed while it waited: nothing is sent
                return;
            }
            if (result.isDone()) {
                return;
            }
            CompletableFuture<java.net.http.HttpResponse<TransportResponse>> exchange;
            try {
                exchange = current.sendAsync(request, this::bodySubscriber);
            } catch (Throwable e) {
                Completions.fail(result, () -> translate(e));
                return;
            }
            sent = exchange;
            exchange.whenComplete((response, failure) -> {
                if (failure != null) {
                    closeConnectionOf(exchange);
                    Completions.fail(result, () -> translate(failure));
                } else if (response != null && !result.isDone()) {
                    // The body subscriber hands every answer over first (to result), and completes this future
                    // with null before java.net.http can: this is only a safety net, should an answer ever
                    // come without its subscriber's onComplete.
                    try {
                        result.complete(response.body());
                    } catch (Throwable e) {
                        Completions.fail(result, () -> ResponseChecks.readFailure(host, options.maxResponseBytes(), e));
                    }
                }
            });
            // Timed out, cancelled or closed first: abort the exchange so that its connection is closed.
            result.whenComplete((response, failure) -> {
                if (failure != null) {
                    exchange.cancel(true);
                }
            });
        }

        /**
         * The whole answer is in, and the body subscriber is about to tell java.net.http: complete its future
         * first, so that its {@code ASYNC_POOL} task is never submitted (see {@link #sent}).
         */
        private void beforeJdkCompletes() {
            CompletableFuture<?> exchange = sent;
            if (exchange != null) {
                exchange.complete(null);
            }
        }

        /**
         * Called by java.net.http once the head of the final answer is in. Whatever it throws fails the
         * exchange (and {@link JdkHttpSession#closeConnectionOf} then closes the connection).
         */
        private java.net.http.HttpResponse.BodySubscriber<TransportResponse> bodySubscriber(
                java.net.http.HttpResponse.ResponseInfo info) {
            int status = info.statusCode();
            if (status < 200) {
                // java.net.http skips 1xx answers and fails on 101 itself, from JDK 20 and 17.0.x updates
                // with JDK-8292044; an older one would read the real answer as this one's body.
                throw ResponseChecks.invalid(host, "informational status " + status + " taken as the final answer",
                        null);
            }
            Headers.Builder builder = Headers.builder();
            info.headers().map().forEach((name, values) -> values.forEach(value -> builder.add(name, value)));
            Headers headers = builder.build();
            ResponseChecks.checkHeaderSize(host, options.maxResponseHeaderBytes(), headers);
            long declaredLength = ResponseChecks.contentLength(host, headers.all("content-length"));
            boolean noBody = method == HttpMethod.HEAD || status == 204 || status == 304;
            ResponseBodyBuffer body = ResponseBodyBuffer.forLength(host, noBody ? 0 : declaredLength,
                    options.maxResponseBytes());
            return new BufferingBodySubscriber(host, options.maxResponseBytes(), status, headers, body,
                    this::beforeJdkCompletes, result::complete);
        }
    }

    /**
     * Closes the connection of an exchange that failed. java.net.http (17 to 25 at least) fails the
     * exchange's future but leaves its connection open, registered with its selector, when it cannot
     * parse the answer's head (not HTTP, headers over jdk.http.maxHeaderSize) or the body handler throws
     * (a bad Content-Length): the socket then stays ESTABLISHED as long as the client lives. Cancelling the
     * exchange closes it, but {@code cancel} on the finished future does nothing; a new future made from
     * it ({@code newIncompleteFuture}) keeps java.net.http's link to the exchange, and cancelling that one
     * reaches the exchange, which closes its connection unless the answer was read whole.
     */
    static void closeConnectionOf(CompletableFuture<?> sent) {
        try {
            sent.newIncompleteFuture().cancel(true);
        } catch (Throwable ignored) {
            // best effort: the caller's future is failed in any case
        }
    }

    /**
     * The URI of a target. Parsing one costs more than the rest of building the request; most requests go
     * to a few targets again and again, so the parsed ones are kept, at most {@value #MAX_URIS} per session.
     */
    private URI uri(String target) {
        URI uri = uris.get(target);
        if (uri == null) {
            uri = URI.create(host.url() + target);
            if (uris.size() >= MAX_URIS) {
                uris.clear(); // many distinct targets (ids in paths): start over rather than grow
            }
            uris.put(target, uri);
        }
        return uri;
    }

    private java.net.http.HttpRequest toJdk(TransportRequest request) {
        // The target is already percent-encoded and checked by TransportRequest: URI.create keeps it verbatim.
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(uri(request.target()))
                .version(version)
                .timeout(options.requestTimeout())
                .method(request.method().name(), request.hasBody()
                        ? new BufferPublisher(request.body())
                        : java.net.http.HttpRequest.BodyPublishers.noBody());
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name)) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }

    /**
     * Sorts java.net.http's failure into the SDK's exceptions: was the request surely not sent, was the
     * answer malformed, too large, or late? Never returns anything but an {@link ArangoException}.
     */
    private ArangoException translate(Throwable failure) {
        // Both walks are bounded: a chain of causes can be a cycle.
        Throwable cause = failure;
        for (int depth = 0; depth < 32 && (cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null; depth++) {
            cause = cause.getCause();
        }
        Throwable t = cause;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof ArangoException own) {
                return own; // thrown by our body handler or subscriber
            }
            if (t instanceof OutOfMemoryError) {
                return ResponseTooLargeException.outOfMemory(host, options.maxResponseBytes(), -1, t);
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return ConnectionFailures.connectTimedOut(host, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ArangoTimeoutException(host, options.requestTimeout(), cause);
        }
        if (ConnectionFailures.isConnectFailure(cause)) {
            return ConnectionFailures.notConnected(host, cause);
        }
        if (cause instanceof ProtocolException && String.valueOf(cause.getMessage()).startsWith(JDK_HEADER_LIMIT)) {
            return ResponseTooLargeException.headers(host, options.maxResponseHeaderBytes(), cause);
        }
        if (cause instanceof ProtocolException) {
            return ResponseChecks.invalid(host, Completions.describe(cause), cause);
        }
        if (cause instanceof IOException) {
            String message = Completions.describe(cause);
            if (JDK_BODY_PARSER_COMPLAINTS.stream().anyMatch(message::startsWith)) {
                return ResponseChecks.invalid(host, message, cause);
            }
            return ConnectionFailures.broken(host, cause);
        }
        return ResponseChecks.readFailure(host, options.maxResponseBytes(), cause);
    }

    @Override
    public void close() {
        // Drop the client first, so that no slot freed by the failures below starts a queued request.
        client = null;
        if (exchanges.close()) {
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "JdkHttpSession[" + host + "]";
    }
}
