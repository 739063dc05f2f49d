package io.aioarango.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stub's answers over HTTP/1.1, several on one kept-alive connection. */
class StubCoordinatorTest {
    private static StubProcess stub;

    @BeforeAll
    static void start() throws IOException {
        stub = StubProcess.start(2);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void answersTheRecordedBodiesWithOrWithoutTheDatabasePrefix() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", stub.ports().get(1))) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();

            assertThat(get(out, in, "/_db/_system/_admin/server/id"))
                    .isEqualTo("200 {\"error\":false,\"code\":200,\"id\":\"CRDN-2\"}");
            assertThat(get(out, in, "/_db/_system/_api/version")).startsWith("200 {").contains("\"version\": \"3.12");
            assertThat(get(out, in, "/_api/version")).startsWith("200 {").contains("\"version\": \"3.12");
            assertThat(get(out, in, "/_db/_system/_admin/cluster/health")).startsWith("200 {").contains("\"Health\"");
            assertThat(get(out, in, "/_admin/cluster/health")).startsWith("200 {").contains("CRDN-rxtu5pku");
            assertThat(get(out, in, "/_db/_system/_api/collection")).startsWith("404 {\"error\":true");
        }
        assertThat(stub.hits()).containsExactly(0, 1);
    }

    /** Sends a GET on the connection and reads one answer: its status and body. */
    private static String get(OutputStream out, InputStream in, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic anything\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line(in);
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        assertThat(length).as("Content-Length of " + path).isNotNegative();
        return statusLine.split(" ")[1] + " " + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("The connection ended within a line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
