package io.aioarango.testkit;

import static io.aioarango.testkit.FakeClusterTest.ROOT;
import static io.aioarango.testkit.FakeClusterTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.transport.tck.Waiting;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gray failures as raw sockets see them: a frozen coordinator (accepts, never answers) and a black-holed host
 * (connects time out). Raw sockets, because an HTTP client would hide what the test is about: whether a
 * connect completes and whether any byte comes back.
 */
class SilentCoordinatorTest {
    /** How long a read waits for nothing before the connection counts as silent. */
    private static final int SILENCE_MILLIS = 300;
    private static final String ID = "/_admin/server/id";

    FakeCluster cluster;

    @BeforeEach
    void start() {
        cluster = FakeCluster.start(2);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    /** The two ways of going silent, for the tests that hold for both. */
    enum Silence {
        FROZEN(FakeCoordinator::freeze), BLACKHOLED(FakeCoordinator::blackhole);

        private final Consumer<FakeCoordinator> apply;

        Silence(Consumer<FakeCoordinator> apply) {
            this.apply = apply;
        }
    }

    @Test
    void aFrozenCoordinatorAcceptsConnectionsButAnswersNothingUntilHealed() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(0);
        try (Client open = new Client(coordinator)) {
            open.send(ID);
            assertThat(open.answer()).contains(coordinator.serverId());

            coordinator.freeze();
            assertThat(coordinator.isFrozen()).isTrue();
            assertThat(coordinator.isRunning()).as("the process is still there").isTrue();
            assertThat(coordinator.toString()).endsWith("(frozen)");
            open.send(ID);
            open.send("/_api/version");
            try (Client fresh = new Client(coordinator)) {
                fresh.send(ID);
                open.assertSilent();
                fresh.assertSilent();
                Waiting.eventually("the new connection is accepted", () -> coordinator.openConnections() == 2);
                assertThat(coordinator.requestCount()).as("a frozen process reads nothing").isEqualTo(1);

                coordinator.heal();
                assertThat(coordinator.isFrozen()).isFalse();
                assertThat(open.answer()).as("answers in the order asked").contains(coordinator.serverId());
                assertThat(open.answer()).contains("\"server\":\"arango\"");
                assertThat(fresh.answer()).contains(coordinator.serverId());
                assertThat(coordinator.requestCount()).isEqualTo(4);
            }
        }
        assertThat(get(coordinator.url() + ID).path("id").asText()).isEqualTo(coordinator.serverId());
    }

    @Test
    void anAnswerDueWhileFrozenIsHeldUntilHealed() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(0);
        coordinator.delay(Duration.ofMillis(50));
        try (Client client = new Client(coordinator)) {
            client.send(ID);
            Waiting.eventually("the request is read", () -> coordinator.requestCount() == 1);
            coordinator.freeze();
            // The delay ends during this wait: its answer is held instead of sent.
            client.assertSilent();
            coordinator.heal();
            assertThat(client.answer()).contains(coordinator.serverId());
        }
    }

    @Test
    void aBlackholedHostSilencesOpenConnectionsAndLetsConnectsTimeOut() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(1);
        try (Client open = Client.accepted(coordinator)) {
            open.send(ID);
            open.answer();

            coordinator.blackhole();
            assertThat(coordinator.isBlackholed()).isTrue();
            assertThat(coordinator.isFrozen()).isFalse();
            assertThat(coordinator.isRunning()).isTrue();
            open.send(ID);
            open.assertSilent();
            assertConnectTimesOut(coordinator.port());
            assertThat(coordinator.openConnections()).as("the old connection, not the testkit's own").isEqualTo(1);
            assertThat(get(cluster.coordinator(0).url() + "/_admin/cluster/health").path("Health")
                    .path(coordinator.serverId()).path("Status").asText())
                    .as("a gray failure: the health has not noticed").isEqualTo("GOOD");

            coordinator.heal();
            assertThat(coordinator.isBlackholed()).isFalse();
            open.assertClosed();
            assertThat(coordinator.requestCount()).as("the host never read the second request").isEqualTo(1);
        }
        try (Client fresh = new Client(coordinator)) {
            fresh.send(ID);
            assertThat(fresh.answer()).contains(coordinator.serverId());
        }
    }

    @Test
    void aFrozenCoordinatorsHostCanVanishToo() throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(0);
        try (Client open = Client.accepted(coordinator)) {
            coordinator.freeze();
            coordinator.blackhole();
            coordinator.freeze();
            assertThat(coordinator.isBlackholed()).as("freeze() leaves a vanished host vanished").isTrue();
            assertThat(coordinator.isFrozen()).isFalse();
            open.send(ID);
            open.assertSilent();
            assertConnectTimesOut(coordinator.port());

            coordinator.heal();
            open.assertClosed();
        }
        assertThat(get(coordinator.url() + ID).path("id").asText()).isEqualTo(coordinator.serverId());
    }

    @ParameterizedTest
    @EnumSource(Silence.class)
    void stopClosesASilentCoordinatorsConnectionsAndRefusesNewOnes(Silence silence) throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(0);
        try (Client open = Client.accepted(coordinator)) {
            silence.apply.accept(coordinator);
            open.send(ID);
            coordinator.stop();
            assertThat(coordinator.isRunning()).isFalse();
            assertThat(coordinator.isFrozen()).isFalse();
            assertThat(coordinator.isBlackholed()).isFalse();
            assertThat(coordinator.openConnections()).isZero();
            open.assertClosed();
        }
        assertRefused(coordinator.port());
        assertThatThrownBy(coordinator::freeze).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is stopped; start() it before freeze()");
        assertThatThrownBy(coordinator::blackhole).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is stopped; start() it before blackhole()");

        coordinator.start();
        assertThat(get(coordinator.url() + ID).path("id").asText()).isEqualTo(coordinator.serverId());
        assertThat(coordinator.requestCount()).as("the request sent while silent was never read").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Silence.class)
    void startAndResetBringASilentCoordinatorBack(Silence silence) throws Exception {
        FakeCoordinator coordinator = cluster.coordinator(1);
        silence.apply.accept(coordinator);
        coordinator.start();
        assertThat(coordinator.isFrozen() || coordinator.isBlackholed()).isFalse();
        assertThat(get(coordinator.url() + ID).path("id").asText()).isEqualTo(coordinator.serverId());

        try (Client open = Client.accepted(coordinator)) {
            silence.apply.accept(coordinator);
            open.send(ID);
            open.assertSilent();
            cluster.reset();
            // Closed, not thawed: its request is not logged after the reset emptied the log.
            open.assertClosed();
        }
        assertThat(coordinator.isFrozen() || coordinator.isBlackholed()).isFalse();
        assertThat(get(coordinator.url() + ID).path("id").asText()).isEqualTo(coordinator.serverId());
        assertThat(coordinator.requestCount()).isEqualTo(1);
    }

    @Test
    void closingASilentClusterLeavesNoSocketNorThread() throws Exception {
        Set<Thread> before = FakeClusterTest.testkitThreads();
        FakeCluster other = FakeCluster.start(2);
        FakeCoordinator frozen = other.coordinator(0);
        FakeCoordinator vanished = other.coordinator(1);
        try (Client toFrozen = Client.accepted(frozen); Client toVanished = Client.accepted(vanished)) {
            frozen.freeze();
            vanished.blackhole();
            toFrozen.send(ID);
            toVanished.send(ID);
            other.close();
            toFrozen.assertClosed();
            toVanished.assertClosed();
        }
        for (int port : List.of(frozen.port(), vanished.port())) {
            assertRefused(port);
            Waiting.eventually(() -> "no socket on port " + port + " but TIME_WAIT: " + socketStates(port),
                    () -> socketStates(port).stream().allMatch("06"::equals));
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
        Waiting.eventually("the closed cluster's threads end",
                () -> before.containsAll(FakeClusterTest.testkitThreads()));
    }

    private static void assertConnectTimesOut(int port) throws IOException {
        try (Socket probe = new Socket()) {
            assertThatThrownBy(() -> probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500))
                    .as("dropped, not refused").isInstanceOf(SocketTimeoutException.class);
        }
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    /**
     * The TCP states (hex, as in /proc/net/tcp: 01 established, 06 TIME_WAIT, 0A listen) of the IPv4 sockets
     * with this port at either end; the tests run with java.net.preferIPv4Stack.
     */
    private static List<String> socketStates(int port) {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        List<String> states = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[1].endsWith(suffix) || fields[2].endsWith(suffix)) {
                    states.add(fields[3]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return states;
    }

    /** A keep-alive HTTP/1.1 connection, read byte by byte as it comes. */
    private static final class Client implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;

        Client(FakeCoordinator coordinator) throws IOException {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), coordinator.port()), 5_000);
            in = new BufferedInputStream(socket.getInputStream());
        }

        /**
         * Connects once the coordinator has accepted every connection so far: black-holing closes the listener,
         * and the kernel resets a connection it was still queueing for it.
         */
        static Client accepted(FakeCoordinator coordinator) throws IOException {
            int before = coordinator.openConnections();
            Client client = new Client(coordinator);
            Waiting.eventually("the coordinator accepts the connection", () -> coordinator.openConnections() > before);
            return client;
        }

        void send(String path) throws IOException {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ROOT
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }

        /** Reads the next answer, which must be a 200, and returns its body. */
        String answer() throws IOException {
            socket.setSoTimeout(10_000);
            assertThat(line()).isEqualTo("HTTP/1.1 200 OK");
            int length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).trim());
                }
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                assertThat(c).as("the answer ended early: " + line).isNotEqualTo(-1);
                line.append((char) c);
            }
            return line.toString().stripTrailing();
        }

        void assertSilent() throws IOException {
            socket.setSoTimeout(SILENCE_MILLIS);
            assertThatThrownBy(in::read).as("no byte back").isInstanceOf(SocketTimeoutException.class);
        }

        /** The server closed the connection, with a FIN or a reset: not merely silent. */
        void assertClosed() throws IOException {
            socket.setSoTimeout(10_000);
            try {
                assertThat(in.read()).isEqualTo(-1);
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the connection is still open", stillOpen);
            } catch (SocketException reset) {
                // closed with a reset
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
