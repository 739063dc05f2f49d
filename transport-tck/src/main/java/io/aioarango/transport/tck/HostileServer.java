package io.aioarango.transport.tck;

import io.aioarango.api.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 that answers exactly as a test scripts it, however wrong:
 * stalled, truncated, oversized, not HTTP at all, reset. For each request it reads the request head (and
 * a body of the declared length), then runs the {@link Script} with an {@link Exchange} that writes raw
 * bytes and says how the connection ends.
 *
 * <p>It also shows the client's side of connection handling: a connection counts as open until the
 * <em>client</em> closes its end (the server's read returns -1) or the server resets it, so
 * {@link #openConnections()} tells whether a transport left a socket behind after a failure. Blocking
 * I/O on its own daemon threads, one per connection: a test tool, not a load tool. {@link #close()}
 * closes every connection.
 */
public final class HostileServer implements AutoCloseable {
    /** The longest request head read; a transport never sends more. */
    private static final int MAX_REQUEST_HEAD = 64 * 1024;

    /** What the server does with one request. */
    @FunctionalInterface
    public interface Script {
        /**
         * Answers one request.
         *
         * @param exchange the request, and the means to answer it
         * @throws IOException if writing fails, e.g. because the client closed the connection; the server
         *                     then closes the connection
         */
        void answer(Exchange exchange) throws IOException;
    }

    private final Script script;
    private final ServerSocket listener;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private HostileServer(Script script) throws IOException {
        this.script = script;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        Thread acceptor = new Thread(this::acceptLoop, "tck-hostile-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a server on a free port of 127.0.0.1 that answers every request with {@code script}.
     *
     * @param script what the server does with each request; called on the connection's thread
     * @return the running server; close it when done
     * @throws IOException if no port can be bound
     */
    public static HostileServer start(Script script) throws IOException {
        return new HostileServer(script);
    }

    /**
     * The port the server listens on.
     *
     * @return the port, on 127.0.0.1
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * The server as a coordinator to open a session to.
     *
     * @return {@code http://127.0.0.1:port}
     */
    public Host host() {
        return new Host("http", "127.0.0.1", port());
    }

    /**
     * Connections clients opened since the server started.
     *
     * @return the number of connections accepted
     */
    public int acceptedConnections() {
        return accepted.get();
    }

    /**
     * Requests whose head (and declared body) the server read.
     *
     * @return the number of requests received, over every connection
     */
    public int requestsReceived() {
        return requests.get();
    }

    /**
     * Connections the client has not closed yet (nor the server reset).
     *
     * @return the number of connections open now
     */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(HostileServer::closeQuietly);
    }

    @Override
    public String toString() {
        return "HostileServer[" + host() + ", accepted " + accepted + ", open " + open.size() + "]";
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            open.add(socket);
            Thread connection = new Thread(() -> serve(socket), "tck-hostile-connection-" + socket.getPort());
            connection.setDaemon(true);
            connection.start();
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int index = 0; ; index++) {
                String head = readHead(in);
                if (head == null) {
                    return; // the client closed its end
                }
                skipBody(in, head);
                requests.incrementAndGet();
                Exchange exchange = new Exchange(head, index, out);
                script.answer(exchange);
                out.flush();
                switch (exchange.ending) {
                    case KEEP -> {
                        // ready for the next request on this connection
                    }
                    case STALL -> {
                        drainUntilClientCloses(in);
                        return;
                    }
                    case CLOSE -> {
                        socket.shutdownOutput(); // FIN: the client sees the end of the stream
                        drainUntilClientCloses(in);
                        return;
                    }
                    case RESET -> {
                        socket.setSoLinger(true, 0); // close() then sends RST instead of FIN
                        socket.close();
                        return;
                    }
                    default -> throw new IllegalStateException(exchange.ending.toString());
                }
            }
        } catch (IOException e) {
            // the client reset the connection, or the server is closing
        } finally {
            closeQuietly(socket);
            open.remove(socket);
        }
    }

    /** The request line and headers, without the blank line; {@code null} when the client closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_REQUEST_HEAD) {
                throw new IOException("request head over " + MAX_REQUEST_HEAD + " bytes");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                long remaining = Long.parseLong(line.substring("content-length:".length()).trim());
                while (remaining > 0) {
                    long skipped = in.skip(remaining);
                    if (skipped <= 0) {
                        if (in.read() < 0) {
                            throw new IOException("request body cut short");
                        }
                        skipped = 1;
                    }
                    remaining -= skipped;
                }
            }
        }
    }

    /** Reads and drops whatever the client sends until it closes its end. */
    private static void drainUntilClientCloses(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        while (in.read(sink) >= 0) {
            // discard
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    private enum Ending { KEEP, STALL, CLOSE, RESET }

    /**
     * One request and what the server answers to it. Each {@code send} writes and flushes at once.
     * Returning from the script without {@link #stall()}, {@link #close()} or {@link #reset()} keeps the
     * connection for the client's next request.
     */
    public static final class Exchange {
        private final String requestHead;
        private final int index;
        private final OutputStream out;
        private Ending ending = Ending.KEEP;

        private Exchange(String requestHead, int index, OutputStream out) {
            this.requestHead = requestHead;
            this.index = index;
            this.out = out;
        }

        /**
         * The request line and headers as received.
         *
         * @return the head, lines separated by CRLF, without the blank line that ends it
         */
        public String requestHead() {
            return requestHead;
        }

        /**
         * The first line of the request.
         *
         * @return e.g. {@code GET /path HTTP/1.1}
         */
        public String requestLine() {
            int end = requestHead.indexOf("\r\n");
            return end < 0 ? requestHead : requestHead.substring(0, end);
        }

        /**
         * Where the request comes on its connection.
         *
         * @return 0 for the first request on its connection, 1 for the next, and so on
         */
        public int indexOnConnection() {
            return index;
        }

        /**
         * Writes {@code text} as ISO-8859-1 bytes.
         *
         * @param text what to write, e.g. a status line and headers with their CRLFs
         * @return this exchange
         * @throws IOException if writing fails
         */
        public Exchange send(String text) throws IOException {
            return send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /**
         * Writes raw bytes.
         *
         * @param bytes what to write
         * @return this exchange
         * @throws IOException if writing fails
         */
        public Exchange send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /**
         * Writes {@code total} bytes made of {@code block} repeated, without holding them all.
         *
         * @param block the bytes to repeat, not empty; the last copy is cut to fit
         * @param total how many bytes to write
         * @return this exchange
         * @throws IOException if writing fails
         */
        public Exchange sendRepeated(byte[] block, long total) throws IOException {
            for (long left = total; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
            out.flush();
            return this;
        }

        /**
         * Writes {@code total} bytes as chunks of {@code block} in {@code Transfer-Encoding: chunked}, and the
         * last chunk.
         *
         * @param block the bytes of each chunk, not empty; the last data chunk is cut to fit
         * @param total how many body bytes to write
         * @return this exchange
         * @throws IOException if writing fails
         */
        public Exchange sendChunked(byte[] block, long total) throws IOException {
            byte[] size = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] crlf = {'\r', '\n'};
            long left = total;
            for (; left >= block.length; left -= block.length) {
                out.write(size);
                out.write(block);
                out.write(crlf);
            }
            if (left > 0) {
                out.write((Long.toHexString(left) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(block, 0, (int) left);
                out.write(crlf);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        }

        /** Sends nothing more and keeps the connection until the client closes it. */
        public void stall() {
            ending = Ending.STALL;
        }

        /**
         * Ends the server's side after what was sent (a FIN: end of stream for the client), then waits for
         * the client to close its side too.
         */
        public void close() {
            ending = Ending.CLOSE;
        }

        /** Resets the connection (RST) at once. */
        public void reset() {
            ending = Ending.RESET;
        }
    }
}
