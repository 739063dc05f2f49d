package io.aioarango.testkit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One coordinator of a {@link FakeCluster}: an HTTP/1.1 server on 127.0.0.1 with its own port and server
 * id, and switches that make it misbehave the way real coordinators do.
 *
 * <p>It answers, under {@code /_db/{database}} or without it, {@code GET /_api/version},
 * {@code /_api/engine}, {@code /_admin/statistics}, {@code /_admin/server/id}, {@code /_admin/server/role},
 * {@code /_admin/server/mode}, {@code /_admin/cluster/health}, {@code /_admin/cluster/numberOfServers},
 * {@code /_admin/cluster/nodeVersion}, {@code nodeEngine} and {@code nodeStatistics} (with
 * {@code ServerID}), {@code /_api/cluster/endpoints}, {@code PUT /_admin/cluster/maintenance},
 * {@code GET} and {@code PUT /_admin/cluster/maintenance/{id}}, {@code GET}, {@code POST} and
 * {@code PUT /_admin/cluster/rebalance} and {@code POST /_admin/cluster/rebalance/execute}, and the rest
 * of cluster administration: {@code POST /_admin/cluster/moveShard}, {@code cleanOutServer},
 * {@code resignLeadership}, {@code removeServer} and {@code cancelAgencyJob}, {@code GET
 * /_admin/cluster/queryAgencyJob}, {@code /_api/replication/clusterInventory},
 * {@code /_admin/cluster/shardDistribution}, {@code GET} and {@code PUT
 * /_admin/cluster/collectionShardDistribution}, {@code GET /_admin/cluster/statistics} (with
 * {@code DBserver}), {@code GET /_admin/cluster/vpackSortMigration/status} and {@code check}, {@code PUT
 * .../migrate}, {@code GET /_admin/server/availability} (without credentials, as ArangoDB), {@code GET}
 * and {@code PUT /_admin/log/level} and {@code GET /_admin/metrics/v2} (Prometheus text), the last two
 * with an optional {@code serverId}. Anything else gets 404 with errorNum 404, a known path with another
 * method 405; any other request without valid basic credentials gets 401 with errorNum 11, as from
 * ArangoDB.
 *
 * <p>The switches take effect for the next request and last until {@link #heal()} or {@link #start()}:
 * <ul>
 * <li>{@link #stop()}: the process died; connections are closed and new ones refused;
 * <li>{@link #failWith}: every request gets an ArangoDB error;
 * <li>{@link #delay}: every answer comes late;
 * <li>{@link #resetMidAnswer()}: every answer breaks off with a TCP reset;
 * <li>{@link #freeze()}: the process is paused (SIGSTOP); connections are accepted, nothing is read or answered;
 * <li>{@link #blackhole()}: the host vanished; open connections go silent and new connects time out.
 * </ul>
 * Every request that the coordinator reads is logged and counted, whatever the switches say; a frozen or
 * black-holed coordinator reads nothing. The cluster's health keeps reporting a frozen or black-holed
 * coordinator {@code GOOD}, as a real cluster does until its supervision misses enough heartbeats: the
 * failure is gray, the client has to notice it.
 */
public final class FakeCoordinator {
    private final ClusterState cluster;
    private final String serverId;
    private final String shortName;

    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    /** Every open client connection, across restarts: a closed one leaves by itself. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /**
     * Written under this, read without it: event-loop threads read it (health asks every coordinator) while a
     * switch holds this and waits for an event loop.
     */
    private volatile Mode mode = Mode.RUNNING;
    private final Silence silence = new Silence(connections);
    private final CoordinatorPort port;

    private volatile Fault fault;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean resetMidAnswer;

    /** A failure every request gets instead of its answer. */
    record Fault(int status, int errorNum) {
    }

    private enum Mode {
        RUNNING(""), FROZEN(" (frozen)"), BLACKHOLED(" (black-holed)"), STOPPED(" (stopped)");

        private final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    FakeCoordinator(EventLoopGroup group, ClusterState cluster, String serverId, String shortName) {
        this.cluster = cluster;
        this.serverId = serverId;
        this.shortName = shortName;
        port = new CoordinatorPort(group, serverId, this::connectionSetup);
    }

    /** Sets up a connection of a new listener: its requests are answered by the listener's own {@link Answers}. */
    private ChannelInitializer<SocketChannel> connectionSetup() {
        Answers answers = new Answers(cluster, this);
        return new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                // Added before reading silent: a freeze() either sees the channel or is seen here.
                connections.add(channel);
                silence.follow(channel);
                channel.pipeline().addLast(
                        new SilenceGate(FakeCoordinator.this),
                        new HttpServerCodec(),
                        new HttpObjectAggregator(64 * 1024 * 1024),
                        new CoordinatorHandler(FakeCoordinator.this, answers, cluster));
            }
        };
    }

    /**
     * Returns the server id this coordinator reports, as in {@code GET /_admin/server/id}.
     *
     * @return an id such as {@code CRDN-...}
     */
    public String serverId() {
        return serverId;
    }

    String shortName() {
        return shortName;
    }

    /**
     * Returns the URL a client is given for this coordinator.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String url() {
        return "http://127.0.0.1:" + port.number();
    }

    /**
     * Returns the endpoint the cluster lists for this coordinator, as in {@code GET /_api/cluster/endpoints}.
     *
     * @return {@code tcp://127.0.0.1:<port>}
     */
    public String endpoint() {
        return "tcp://127.0.0.1:" + port.number();
    }

    /**
     * Returns the loopback port, the same across {@link #stop()} and {@link #start()}.
     *
     * @return the port number
     */
    public int port() {
        return port.number();
    }

    /**
     * Tells whether the coordinator's process is there, answering or not.
     *
     * @return {@code false} between {@link #stop()} and {@link #start()}; {@code true} while frozen or
     *     black-holed
     */
    public boolean isRunning() {
        return mode != Mode.STOPPED;
    }

    /**
     * Tells whether the coordinator is frozen.
     *
     * @return {@code true} between {@link #freeze()} and {@link #heal()}, {@link #start()} or {@link #stop()}
     */
    public boolean isFrozen() {
        return mode == Mode.FROZEN;
    }

    /**
     * Tells whether the coordinator's host is black-holed.
     *
     * @return {@code true} between {@link #blackhole()} and {@link #heal()}, {@link #start()} or {@link #stop()}
     */
    public boolean isBlackholed() {
        return mode == Mode.BLACKHOLED;
    }

    /**
     * Stops the coordinator as if its process died: open connections are closed (those of a frozen or
     * black-holed coordinator too, their held answers dropped) and, when this returns, new connections to its
     * port are refused. The port stays reserved for {@link #start()}. Does nothing if already stopped.
     */
    public synchronized void stop() {
        if (mode == Mode.STOPPED) {
            return;
        }
        port.closeListener();
        port.endBlackhole();
        connections.close().syncUninterruptibly();
        mode = Mode.STOPPED;
        // Nothing is left to hold: the connections are closed, and those after a start() must be read.
        silence.set(false);
        port.holdRefusing();
    }

    /**
     * Starts a stopped coordinator again on its port, with its switches cleared; thaws a frozen one and brings
     * back a black-holed one, as {@link #heal()}. Does nothing if it is running and neither.
     *
     * @throws IllegalStateException if the port could not be bound again
     */
    public synchronized void start() {
        if (mode == Mode.RUNNING) {
            return;
        }
        heal();
        if (mode == Mode.STOPPED) {
            port.releaseHold();
            port.listen();
            mode = Mode.RUNNING;
        }
    }

    /** Stops for good, releasing the port. */
    synchronized void shutdown() {
        stop();
        port.releaseHold();
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    /** Makes the next close of a connection send a TCP reset (RST) instead of a FIN. */
    static void resetOnClose(Channel channel) {
        try {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (ChannelException closedAlready) {
            // nothing left to reset
        }
    }

    /**
     * Freezes the coordinator as if its process got SIGSTOP (a paused VM, a long pause): its port still accepts
     * TCP connections, but nothing is read or answered on any connection, open or new, and nothing is closed.
     * Answers not sent yet, delayed ones included, are held. A request is logged when it is read: one whose
     * bytes arrive while frozen is logged after the thaw; one whose bytes had reached the coordinator before
     * (it is being answered, or sits in the HTTP decoder) may be logged while frozen, its answer held.
     * {@link #heal()} and {@link #start()} thaw it, as SIGCONT: the connections are read again, and the held
     * answers and requests answered in order, whether or not their clients still wait. {@link FakeCluster#reset()}
     * closes its connections unread instead, so that no request of one test is logged in the next. Does nothing
     * if it is frozen or black-holed already.
     *
     * @throws IllegalStateException if the coordinator is stopped
     */
    public synchronized void freeze() {
        requireProcess("freeze");
        if (mode == Mode.RUNNING) {
            silence.set(true);
            mode = Mode.FROZEN;
        }
    }

    /**
     * Makes the coordinator's host vanish without a reset (a power loss, a firewall that drops packets): open
     * connections go silent as under {@link #freeze()}, and connects to its port get no answer at all, so they
     * time out instead of being refused. {@link #heal()}, {@link #start()} and {@link FakeCluster#reset()}
     * bring the host back: its old connections are reset (a host that comes back has forgotten them) and it
     * listens on its port again. A frozen coordinator's host can vanish too; does nothing if black-holed
     * already.
     *
     * <p>It takes about 100 ms and needs Linux: the port is held by a listener that never accepts, its accept
     * queue filled with connections of the testkit's own, and Linux drops a SYN to a full accept queue. For an
     * instant while it switches over, a connect to the port is refused, and a connection whose connect had
     * completed but that the coordinator had not accepted yet is reset: wait for {@link #openConnections()} to
     * count a new connection before black-holing it.
     *
     * @throws IllegalStateException if the coordinator is stopped, or the port could not be held that way (the
     *     coordinator is then as before, or stopped if it could not listen on its port again)
     */
    public synchronized void blackhole() {
        requireProcess("blackhole");
        if (mode == Mode.BLACKHOLED) {
            return;
        }
        Mode before = mode;
        silence.set(true);
        // Its connections stay open: only the listener goes.
        port.closeListener();
        try {
            port.blackhole();
        } catch (RuntimeException e) {
            try {
                port.listen();
                silence.set(before == Mode.FROZEN);
            } catch (RuntimeException portLost) {
                e.addSuppressed(portLost);
                stop();
            }
            throw e;
        }
        mode = Mode.BLACKHOLED;
    }

    private void requireProcess(String switchName) {
        if (mode == Mode.STOPPED) {
            throw new IllegalStateException("Coordinator " + serverId + " is stopped; start() it before "
                    + switchName + "()");
        }
    }

    boolean isSilent() {
        return silence.isOn();
    }

    /** Sends an answer, or holds it while the coordinator is silent; see {@link Silence#answer}. */
    void answer(Channel connection, Runnable send) {
        silence.answer(connection, send);
    }

    /**
     * Makes every request fail with an ArangoDB error body, for example {@code failWith(503, 503)} for a
     * coordinator starting up or in maintenance, {@code failWith(503, 21003)} for a full queue,
     * {@code failWith(503, 30)} for one shutting down.
     *
     * @param status the HTTP status, 400 to 599
     * @param errorNum the {@code errorNum} of the body
     * @throws IllegalArgumentException if {@code status} is not an error status
     */
    public void failWith(int status, int errorNum) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("failWith needs an error status between 400 and 599, got " + status);
        }
        fault = new Fault(status, errorNum);
    }

    /**
     * Holds every answer back for a while before sending it; the connection stays open meanwhile.
     *
     * @param delay how long; {@link Duration#ZERO} to answer at once again
     * @throws IllegalArgumentException if {@code delay} is null or negative
     */
    public void delay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, got " + delay);
        }
        this.delay = delay;
    }

    /**
     * Makes every answer break off: the status line, the headers and half the body are sent, then the
     * connection is reset (TCP RST).
     */
    public void resetMidAnswer() {
        resetMidAnswer = true;
    }

    /**
     * Clears {@link #failWith}, {@link #delay} and {@link #resetMidAnswer()}, thaws a frozen coordinator and
     * brings back a black-holed one (see {@link #freeze()} and {@link #blackhole()}): the coordinator answers
     * normally. A stopped coordinator stays stopped until {@link #start()}.
     *
     * @throws IllegalStateException if a black-holed coordinator could not listen on its port again; it is then
     *     stopped
     */
    public synchronized void heal() {
        fault = null;
        delay = Duration.ZERO;
        resetMidAnswer = false;
        if (mode == Mode.BLACKHOLED) {
            port.endBlackhole();
            // A host that comes back has forgotten its connections: their clients get a reset.
            connections.forEach(FakeCoordinator::resetOnClose);
            connections.close().syncUninterruptibly();
            try {
                port.listen();
            } catch (RuntimeException e) {
                mode = Mode.STOPPED;
                silence.set(false);
                throw e;
            }
        }
        if (mode != Mode.STOPPED) {
            silence.set(false);
            mode = Mode.RUNNING;
        }
    }

    Fault fault() {
        return fault;
    }

    Duration delay() {
        return delay;
    }

    boolean resetsMidAnswer() {
        return resetMidAnswer;
    }

    void record(RecordedRequest request) {
        requests.add(request);
    }

    /**
     * Returns the requests this coordinator received, oldest first.
     *
     * @return a snapshot, unaffected by later requests
     */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * Returns how many requests this coordinator received since it was created or last cleared.
     *
     * @return the count
     */
    public int requestCount() {
        return requests.size();
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        requests.clear();
    }

    /**
     * Returns how many client connections are open to this coordinator now: while frozen, those it accepted
     * without reading; while black-holed, its old silent ones.
     *
     * @return 0 while stopped
     */
    public int openConnections() {
        return mode == Mode.STOPPED ? 0 : connections.size();
    }

    @Override
    public String toString() {
        return "FakeCoordinator " + serverId + " at " + url() + mode.label;
    }
}
