package io.aioarango.transport.tck.socket;

import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.Headers;
import io.aioarango.api.Host;
import io.aioarango.api.HttpMethod;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.ConnectionFailures;
import io.aioarango.transport.spi.support.DaemonThreads;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.support.OpenSessions;
import io.aioarango.transport.spi.support.PendingExchanges;
import io.aioarango.transport.spi.support.ResponseBodyBuffer;
import io.aioarango.transport.spi.support.ResponseChecks;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.TransportRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A third transport, written against the SPI alone (no code of the SDK's own transports, nothing internal),
 * to show that the SPI is enough to meet the transport contract: plain blocking sockets speaking HTTP/1.1,
 * at most {@code maxConnectionsPerHost} exchanges at a time per coordinator on threads of the session, the
 * rest waiting in a bounded queue, idle connections kept for the next request. The SPI's
 * {@link PendingExchanges} bounds and closes, {@link ResponseChecks} and {@link ResponseBodyBuffer} read the
 * answer, and {@link ConnectionFailures} says whether a request was sent. A test tool: no TLS.
 */
public final class SocketTransport implements Transport {
    static final String NAME = "socket";

    private final TransportOptions options;
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, DaemonThreads.named("tck-socket-timer-"));
    private final OpenSessions<Session> sessions = new OpenSessions<>(NAME);

    SocketTransport(TransportOptions options) {
        this.options = options;
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HttpSession openSession(Host host) {
        if (host.isTls()) {
            throw new IllegalArgumentException("The socket test transport speaks plain HTTP only, not to " + host);
        }
        return sessions.open(host, Session::new);
    }

    @Override
    public void close() {
        if (sessions.close()) {
            timer.shutdownNow();
        }
    }

    private final class Session implements HttpSession {
        private final Host host;
        private final PendingExchanges exchanges;
        private final ThreadPoolExecutor exchangeThreads;
        private final ArrayDeque<Connection> idle = new ArrayDeque<>(); // guarded by itself
        private final List<Connection> all = new CopyOnWriteArrayList<>();
        private final Consumer<Session> onClose;
        private final AtomicBoolean closing = new AtomicBoolean();

        Session(Host host, Consumer<Session> onClose) {
            this.host = host;
            this.onClose = onClose;
            this.exchanges = new PendingExchanges(host, options.requestTimeout(), timer);
            this.exchangeThreads = new ThreadPoolExecutor(options.maxConnectionsPerHost(),
                    options.maxConnectionsPerHost(), 1, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(options.maxPendingRequestsPerHost()),
                    DaemonThreads.named("tck-socket-" + host.authority() + "-"));
            exchangeThreads.allowCoreThreadTimeOut(true);
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
            byte[] head;
            try {
                head = head(request);
            } catch (IllegalArgumentException e) {
                result.completeExceptionally(e); // the caller's request is wrong: nothing sent
                return result;
            }
            try {
                exchangeThreads.execute(() -> exchange(request, head, result));
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(exchanges.isClosed() ? exchanges.closedError()
                        : new RequestQueueFullException(host, options.maxConnectionsPerHost(),
                                options.maxPendingRequestsPerHost()));
            }
            return result;
        }

        private byte[] head(TransportRequest request) {
            StringBuilder head = new StringBuilder(256).append(request.method()).append(' ')
                    .append(request.target()).append(" HTTP/1.1\r\nHost: ").append(host.authority()).append("\r\n");
            request.headers().asMap().forEach((name, values) -> values.forEach(value -> {
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("The value of header '" + name + "' holds a line break");
                }
                head.append(name).append(": ").append(value).append("\r\n");
            }));
            if (request.hasBody() || request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT
                    || request.method() == HttpMethod.PATCH) {
                head.append("Content-Length: ").append(request.bodyLength()).append("\r\n");
            }
            return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Runs on a thread of the session, blocking; ends {@code result} whatever happens. */
        private void exchange(TransportRequest request, byte[] head, CompletableFuture<TransportResponse> result) {
            if (result.isDone()) {
                return; // timed out, cancelled or closed while it waited
            }
            Connection connection;
            try {
                connection = idleConnection();
                if (connection == null) {
                    connection = connect();
                }
            } catch (Throwable e) {
                Completions.fail(result, () -> e instanceof SocketTimeoutException
                        ? ConnectionFailures.connectTimedOut(host, e) : ConnectionFailures.notConnected(host, e));
                return;
            }
            Connection used = connection;
            // Timed out, cancelled or closed first: closing the socket frees the thread and the connection.
            result.whenComplete((response, failure) -> {
                if (failure != null) {
                    used.close();
                }
            });
            try {
                used.out.write(head);
                if (request.hasBody()) {
                    java.nio.ByteBuffer body = request.body();
                    byte[] bytes = new byte[body.remaining()]; // a plain stream takes arrays only
                    body.get(bytes);
                    used.out.write(bytes);
                }
                used.out.flush();
                TransportResponse response = used.read(request.method());
                // The connection is free before the caller hears of the answer: a caller that sends its next
                // request at once finds it idle. One that failed meanwhile closed it; the pool skips closed ones.
                if (!result.isDone() && used.reusable) {
                    release(used);
                } else {
                    used.close();
                }
                result.complete(response);
            } catch (Throwable e) {
                used.close(); // never reused after a failure
                Completions.fail(result, () -> e instanceof IOException io ? ConnectionFailures.broken(host, io)
                        : ResponseChecks.readFailure(host, options.maxResponseBytes(), e));
            }
        }

        private Connection idleConnection() {
            synchronized (idle) {
                Connection connection;
                while ((connection = idle.poll()) != null) {
                    if (!connection.socket.isClosed()) {
                        return connection;
                    }
                }
                return null;
            }
        }

        private void release(Connection connection) {
            synchronized (idle) {
                if (!exchanges.isClosed()) {
                    idle.push(connection);
                    return;
                }
            }
            connection.close();
        }

        private Connection connect() throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host.hostname(), host.port()),
                        (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            Connection connection = new Connection(socket);
            all.add(connection);
            if (exchanges.isClosed()) {
                connection.close();
                throw new IOException("session closed");
            }
            return connection;
        }

        @Override
        public void close() {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            // First stop the queue, so that no thread freed by the failures below starts a waiting request.
            exchangeThreads.shutdownNow();
            exchanges.close(); // fails the pending futures, which close their connections
            all.forEach(Connection::close);
            onClose.accept(this);
        }

        /** One socket; read by one exchange at a time. */
        private final class Connection {
            final Socket socket;
            final InputStream in;
            final OutputStream out;
            boolean reusable;

            Connection(Socket socket) throws IOException {
                this.socket = socket;
                this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                this.out = socket.getOutputStream();
            }

            /** The final answer to a request just written; 1xx answers before it are skipped. */
            TransportResponse read(HttpMethod method) throws IOException {
                while (true) {
                    String statusLine = line(options.maxResponseHeaderBytes());
                    String[] parts = statusLine.split(" ", 3);
                    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                        throw ResponseChecks.invalid(host, "not an HTTP status line: "
                                + ResponseChecks.quote(statusLine), null);
                    }
                    int status = Integer.parseInt(parts[1]);
                    Headers headers = headers();
                    if (status == 101) {
                        throw ResponseChecks.invalid(host, "101 Switching Protocols, but no protocol change was asked"
                                + " for", null);
                    }
                    if (status >= 100 && status < 200) {
                        continue;
                    }
                    return body(method, parts[0], status, headers);
                }
            }

            private Headers headers() throws IOException {
                Map<String, List<String>> headers = new LinkedHashMap<>();
                long size = 0;
                for (String line = line(options.maxResponseHeaderBytes()); !line.isEmpty();
                        line = line(options.maxResponseHeaderBytes())) {
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        throw ResponseChecks.invalid(host, "bad header line " + ResponseChecks.quote(line), null);
                    }
                    String name = line.substring(0, colon).trim();
                    String value = line.substring(colon + 1).trim();
                    size += name.length() + value.length();
                    if (size > options.maxResponseHeaderBytes()) {
                        throw ResponseTooLargeException.headers(host,
                                options.maxResponseHeaderBytes(), null);
                    }
                    headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
                return Headers.of(headers);
            }

            private TransportResponse body(HttpMethod method, String version, int status, Headers headers)
                    throws IOException {
                long declared = ResponseChecks.contentLength(host, headers.all("content-length"));
                boolean chunked = headers.all("transfer-encoding").stream()
                        .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"));
                boolean noBody = method == HttpMethod.HEAD || status == 204 || status == 304;
                boolean untilClose = !noBody && !chunked && declared < 0;
                reusable = !untilClose && version.equals("HTTP/1.1") && headers.all("connection").stream()
                        .noneMatch(value -> value.equalsIgnoreCase("close"));
                ResponseBodyBuffer body = ResponseBodyBuffer.forLength(host, noBody || chunked ? (noBody ? 0 : -1)
                        : declared, options.maxResponseBytes());
                if (noBody) {
                    return body.toResponse(status, headers);
                }
                if (chunked) {
                    for (long size = chunkSize(); size > 0; size = chunkSize()) {
                        copy(body, size);
                        line(2);
                    }
                    while (!line(options.maxResponseHeaderBytes()).isEmpty()) {
                        // trailers: ignored
                    }
                } else if (declared >= 0) {
                    copy(body, declared);
                } else {
                    copy(body, Long.MAX_VALUE); // HTTP/1.0 style: the body ends with the connection
                }
                return body.toResponse(status, headers);
            }

            private long chunkSize() throws IOException {
                String line = line(1024);
                int extension = line.indexOf(';');
                String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
                if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw ResponseChecks.invalid(host, "bad chunk size " + ResponseChecks.quote(line), null);
                }
                return Long.parseLong(hex, 16);
            }

            /** Copies {@code length} bytes, or up to the end of the stream when it is {@code Long.MAX_VALUE}. */
            private void copy(ResponseBodyBuffer body, long length) throws IOException {
                byte[] chunk = new byte[16 * 1024];
                long left = length;
                while (left > 0) {
                    int read = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                    if (read < 0) {
                        if (length == Long.MAX_VALUE) {
                            return;
                        }
                        throw new IOException("the connection closed " + left + " bytes before the body's end");
                    }
                    body.append(chunk, 0, read);
                    left -= read;
                }
            }

            /** One CRLF-terminated line of at most {@code limit} bytes, without the CRLF. */
            private String line(int limit) throws IOException {
                ByteArrayOutputStream line = new ByteArrayOutputStream(64);
                for (int b = in.read(); ; b = in.read()) {
                    if (b < 0) {
                        throw new IOException("the connection closed in the middle of the answer");
                    }
                    if (b == '\n') {
                        byte[] bytes = line.toByteArray();
                        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                    }
                    line.write(b);
                    if (line.size() > limit + 1) {
                        throw ResponseTooLargeException.headers(host,
                                options.maxResponseHeaderBytes(), null);
                    }
                }
            }

            void close() {
                all.remove(this);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }
}
