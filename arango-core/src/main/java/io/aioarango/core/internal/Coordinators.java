package io.aioarango.core.internal;

import io.aioarango.api.Host;
import io.aioarango.api.HostCandidate;
import io.aioarango.transport.spi.HttpSession;
import io.aioarango.transport.spi.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinators a client talks to, each with its one session, its health and its requests in
 * flight. Endpoint discovery adds and removes coordinators; a removed one's session is closed once its
 * last request has finished. Only these coordinators ever get a session: a redirect to any other host is
 * not followed.
 */
public final class Coordinators {
    private final Transport transport;
    private final ClientMetrics metrics;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Map<Host, Coordinator> all = new LinkedHashMap<>(); // guarded by this, every session opened
    private volatile Pool pool = Pool.EMPTY;                           // the resolver's pool, in order
    private final AtomicInteger down = new AtomicInteger();            // coordinators of the pool marked down

    /**
     * The coordinators requests go to, with their hosts as the list a resolver is offered and each host's
     * position: when every one is available, an attempt offers this very list and maps the pick back
     * in constant time, whatever the number of coordinators.
     */
    record Pool(List<Coordinator> coordinators, List<Host> hosts, Map<Host, Integer> positions) {
        static final Pool EMPTY = new Pool(List.of(), List.of(), Map.of());

        static Pool of(List<Coordinator> coordinators) {
            List<Host> hosts = coordinators.stream().map(Coordinator::host).toList();
            Map<Host, Integer> positions = new HashMap<>();
            for (int i = 0; i < hosts.size(); i++) {
                positions.put(hosts.get(i), i);
            }
            return new Pool(List.copyOf(coordinators), hosts, Map.copyOf(positions));
        }
    }
    private boolean closed;                                            // guarded by this

    /**
     * One coordinator: host, session, health, requests in flight and recent latency; what a resolver sees of
     * it is its {@link HostCandidate} side.
     */
    public static final class Coordinator implements HostCandidate {
        /** The weight of the newest attempt in the moving average of latency: about the last ten count. */
        private static final double LATENCY_WEIGHT = 0.1;

        final Host host;
        final HttpSession session;
        final HostHealth health;
        private final AtomicInteger inFlight = new AtomicInteger();
        /** Racy on purpose: an update lost between two threads costs an average nothing. */
        private volatile long latencyNanos;
        /** Attempts ended since the last {@link #ageLatency()}; racy too, only its being 0 matters. */
        private int endedSinceAged;
        private volatile boolean retired;
        /** This coordinator's meters, once its first attempt looked them up. */
        volatile ClientMetrics.HostMeters meters;

        Coordinator(Host host, HttpSession session, HostHealth health) {
            this.host = host;
            this.session = session;
            this.health = health;
        }

        @Override
        public Host host() {
            return host;
        }

        @Override
        public int inFlight() {
            return inFlight.get();
        }

        @Override
        public long latencyNanos() {
            return latencyNanos;
        }

        /** Removed by discovery or closed with the client: it gets no request and records nothing more. */
        boolean retired() {
            return retired;
        }

        /** Counts a request in; pair with {@link #finished(long)}. */
        void started() {
            inFlight.incrementAndGet();
        }

        /** Counts a request out; {@code nanos} is how long it took, or negative when it says nothing of latency. */
        void finished(long nanos) {
            if (nanos >= 0) {
                long average = latencyNanos;
                latencyNanos = average == 0 ? nanos : average + (long) ((nanos - average) * LATENCY_WEIGHT);
                endedSinceAged++;
            }
            if (inFlight.decrementAndGet() == 0 && retired) {
                session.close();
            }
        }

        /**
         * Halves the latency of a coordinator that ended no attempt since the last call and has none in
         * flight: a latency that is not renewed fades, so that a coordinator once slow is tried again rather
         * than shunned for good.
         */
        void ageLatency() {
            if (endedSinceAged == 0 && inFlight() == 0) { // not one whose attempts hang: its latency is no news
                latencyNanos /= 2;
            }
            endedSinceAged = 0;
        }

        /** Forgets the latency: a coordinator back from being down starts afresh. */
        void forgetLatency() {
            latencyNanos = 0;
        }

        @Override
        public String toString() {
            return host + " (" + inFlight() + " in flight, " + latencyNanos / 1000 + " µs)";
        }

        private void retire() {
            retired = true;
            if (inFlight.get() == 0) {
                session.close();
            }
        }
    }

    public Coordinators(Transport transport, List<Host> hosts, Duration initialBackoff, Duration maxBackoff,
            ClientMetrics metrics) {
        this.transport = transport;
        this.metrics = metrics;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        try {
            update(hosts);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The coordinators requests may go to, in order. */
    List<Coordinator> active() {
        return pool.coordinators();
    }

    /** The pool of {@link #active()}, with the list of its hosts a resolver is offered. */
    Pool pool() {
        return pool;
    }

    /** Whether no coordinator of the pool is marked down. */
    boolean noneDown() {
        return down.get() == 0;
    }

    public List<Host> hosts() {
        return pool.hosts();
    }

    /** The coordinator of {@code host} if it is one of the client's, else {@code null}. */
    Coordinator find(Host host) {
        for (Coordinator coordinator : pool.coordinators()) {
            if (coordinator.host.equals(host)) {
                return coordinator;
            }
        }
        return null;
    }

    private Coordinator open(Host host) {
        HttpSession session = transport.openSession(host);
        Coordinator coordinator = new Coordinator(host, session, new HostHealth(initialBackoff, maxBackoff, down));
        try {
            metrics.added(coordinator);
        } catch (Throwable e) {
            session.close();
            metrics.removed(host);
            throw e;
        }
        return coordinator;
    }

    /**
     * Makes {@code hosts} the coordinators, in that order: sessions are opened for new ones, and closed for
     * those no longer listed once their requests have finished. All or nothing: if a session cannot be
     * opened, those this call opened are closed again and the coordinators stay as they were.
     *
     * @return whether anything changed
     */
    public synchronized boolean update(List<Host> hosts) {
        if (closed || hosts.equals(hosts())) {
            return false;
        }
        List<Coordinator> next = new ArrayList<>();
        List<Coordinator> opened = new ArrayList<>();
        try {
            for (Host host : hosts) {
                Coordinator coordinator = all.get(host);
                if (coordinator == null || coordinator.retired) {
                    coordinator = open(host);
                    opened.add(coordinator);
                }
                next.add(coordinator);
            }
        } catch (Throwable e) {
            for (Coordinator coordinator : opened) {
                coordinator.retired = true;
                coordinator.session.close();
                metrics.removed(coordinator.host);
            }
            throw e;
        }
        opened.forEach(coordinator -> all.put(coordinator.host, coordinator));
        for (Coordinator old : pool.coordinators()) {
            if (!hosts.contains(old.host)) {
                all.remove(old.host);
                old.health.detach();
                old.retire();
                metrics.removed(old.host);
            }
        }
        pool = Pool.of(next);
        return true;
    }

    /** Closes every session at once; pending requests fail. */
    public synchronized void close() {
        closed = true;
        all.values().forEach(coordinator -> {
            coordinator.retired = true;
            coordinator.session.close();
            metrics.removed(coordinator.host);
        });
        all.clear();
        pool = Pool.EMPTY;
    }
}
