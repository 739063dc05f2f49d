package io.aioarango.transport.netty;

import static io.aioarango.transport.tck.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Headers;
import io.aioarango.api.HttpMethod;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.tck.HostileServer;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing with many requests still queued is routine (a client shutting down, a coordinator dropped by
 * discovery): their failures are expected, and neither Netty nor the transport may log them as warnings
 * or errors. Netty logs through java.util.logging when no other logging library is present.
 */
class NettyQuietCloseTest {
    static {
        NettyLeaks.install();
        // Netty picks its logger once per class: set it before any Netty class logs, so that it is JUL.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void recordWarnings() {
        Logger.getLogger("").addHandler(recorder);
    }

    @AfterEach
    void stopRecording() {
        Logger.getLogger("").removeHandler(recorder);
    }

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        assertThat(NettyLeaks.reports()).isEmpty();
    }

    @Test
    void closingWithAThousandQueuedRequestsLogsNoWarning() throws Exception {
        try (HostileServer server = HostileServer.start(HostileServer.Exchange::stall)) {
            NettyTransport transport = NettyTransport.builder(TransportOptions.builder()
                    .maxConnectionsPerHost(4).requestTimeout(Duration.ofSeconds(30)).build()).build();
            HttpSession session = transport.openSession(server.host());
            List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                futures.add(session.send(new TransportRequest(HttpMethod.GET, "/" + i, Headers.empty(), null)));
            }
            eventually("the first requests reached the server", () -> server.requestsReceived() == 4);

            transport.close();

            for (CompletableFuture<TransportResponse> future : futures) {
                assertThat(future).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                        .havingCause().isInstanceOf(ArangoConnectionException.class);
            }
            eventually("every connection closed", () -> server.openConnections() == 0);
            assertThat(server.acceptedConnections()).as("no queued request got a connection during the close")
                    .isEqualTo(4);
            assertThat(server.requestsReceived()).isEqualTo(4);
        }
        // Whatever the close handed to Netty's shared thread has run once a task queued after it has.
        GlobalEventExecutor.INSTANCE.submit(() -> null).get(10, TimeUnit.SECONDS);

        assertThat(records).extracting(record -> record.getLevel() + " " + record.getLoggerName() + ": "
                + record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown())).isEmpty();
    }
}
