package io.aioarango.core.internal;

import static io.aioarango.core.ArangoMetrics.BYTES_RECEIVED;
import static io.aioarango.core.ArangoMetrics.BYTES_SENT;
import static io.aioarango.core.ArangoMetrics.CONNECTIONS;
import static io.aioarango.core.ArangoMetrics.FAILOVERS;
import static io.aioarango.core.ArangoMetrics.HOST_UP;
import static io.aioarango.core.ArangoMetrics.REQUESTS;
import static io.aioarango.core.ArangoMetrics.REQUESTS_ACTIVE;
import static io.aioarango.core.ArangoMetrics.SERVER_QUEUE_TIME;
import static io.aioarango.core.ArangoMetrics.STREAMS;
import static io.aioarango.core.ArangoMetrics.TAG_PROTOCOL;
import static io.aioarango.core.ArangoMetrics.TAG_HOST;

import io.aioarango.api.ArangoTimeoutException;
import io.aioarango.api.Host;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.transport.spi.TransportRequest;
import io.aioarango.transport.spi.PoolStats;
import io.aioarango.core.ArangoMetrics;
import io.aioarango.core.internal.Coordinators.Coordinator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.aioarango.api.HttpMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToIntFunction;

/** Records the {@link ArangoMetrics} catalogue for one client. */
public final class ClientMetrics {
    private static final List<String> NAMES = List.of(REQUESTS, REQUESTS_ACTIVE, FAILOVERS, ArangoMetrics.HEDGES,
            ArangoMetrics.EJECTIONS, HOST_UP,
            SERVER_QUEUE_TIME, CONNECTIONS, STREAMS, BYTES_SENT, BYTES_RECEIVED);

    private final MeterRegistry registry;
    private final Map<Host, HostMeters> hosts = new ConcurrentHashMap<>();

    public ClientMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static String tag(Host host) {
        return host.authority();
    }

    /** The gauges of a coordinator that was just opened. */
    void added(Coordinator coordinator) {
        String host = tag(coordinator.host);
        Gauge.builder(REQUESTS_ACTIVE, coordinator, Coordinator::inFlight).tag(TAG_HOST, host)
                .description("Requests in flight").register(registry);
        Gauge.builder(HOST_UP, coordinator, c -> c.health.isUp() ? 1 : 0).tag(TAG_HOST, host)
                .description("1 while the coordinator is up, 0 while marked down").register(registry);
        if (coordinator.session.poolStats().isPresent()) {
            String protocol = coordinator.session.protocol();
            connections(coordinator, host, protocol, "active", PoolStats::active);
            connections(coordinator, host, protocol, "idle", PoolStats::idle);
            connections(coordinator, host, protocol, "pending", PoolStats::pending);
            Gauge.builder(STREAMS, coordinator, c -> pool(c, PoolStats::streams)).tags(TAG_HOST, host, TAG_PROTOCOL,
                    protocol).description("Requests on the wire").register(registry);
        }
    }

    private void connections(Coordinator coordinator, String host, String protocol, String state,
            ToIntFunction<PoolStats> value) {
        Gauge.builder(CONNECTIONS, coordinator, c -> pool(c, value))
                .tags(TAG_HOST, host, ArangoMetrics.TAG_STATE, state, TAG_PROTOCOL, protocol)
                .description("Connections of the coordinator's pool").register(registry);
    }

    private static double pool(Coordinator coordinator, ToIntFunction<PoolStats> value) {
        return coordinator.session.poolStats().map(stats -> (double) value.applyAsInt(stats)).orElse(Double.NaN);
    }

    /** Removes every meter of a coordinator the client no longer talks to. */
    void removed(Host host) {
        hosts.remove(host);
        String value = tag(host);
        for (String name : NAMES) {
            for (Meter meter : registry.find(name).tag(TAG_HOST, value).meters()) {
                registry.remove(meter);
            }
        }
    }

    /** One attempt ended, with a response or a failure. */
    void attempt(Coordinator coordinator, String operation, TransportRequest request, long nanos, TransportResponse response,
            Throwable failure) {
        if (coordinator.retired()) {
            return; // its meters are gone from the registry; an attempt ending late must not bring them back
        }
        int status;
        if (response != null) {
            status = response.status();
        } else {
            status = failure instanceof ArangoTimeoutException ? TIMEOUT
                    : failure instanceof CancellationException ? CANCELLED
                    : IO_ERROR;
        }
        HostMeters meters = coordinator.meters;
        String protocol = coordinator.session.protocol();
        if (meters == null || !meters.protocol.equals(protocol)) { // a negotiating session may learn its protocol
            meters = hosts.compute(coordinator.host, (host, known) -> known != null && known.protocol.equals(protocol)
                    ? known : new HostMeters(host, protocol));
            coordinator.meters = meters;
        }
        meters.timer(operation, request.method(), status).record(nanos, TimeUnit.NANOSECONDS);
        if (request.hasBody()) {
            meters.bytesSent.increment(request.bodyLength());
        }
        if (response != null) {
            meters.bytesReceived.increment(response.bodyLength());
            List<String> queueTime = response.headers().all("x-arango-queue-time-seconds");
            if (!queueTime.isEmpty()) {
                meters.queueTime(queueTime.get(0));
            }
        }
    }

    /** Statuses of attempts that got no answer, beside the HTTP ones (100–999). */
    private static final int IO_ERROR = -1;
    private static final int TIMEOUT = -2;
    private static final int CANCELLED = -3;

    private static String statusTag(int status) {
        return switch (status) {
            case IO_ERROR -> ArangoMetrics.STATUS_IO_ERROR;
            case TIMEOUT -> ArangoMetrics.STATUS_TIMEOUT;
            case CANCELLED -> ArangoMetrics.STATUS_CANCELLED;
            default -> Integer.toString(status);
        };
    }

    /** A request timer and the status it counts. */
    private record StatusTimer(int status, Timer timer) {
    }

    /**
     * The meters one coordinator records on every attempt, looked up once: the request path then reads
     * a few array slots instead of building tags, or even a key, and asking the registry each time.
     */
    final class HostMeters {
        private final String host;
        private final String protocol;
        private final Counter bytesSent;
        private final Counter bytesReceived;
        private final DistributionSummary queueTime;
        /** Per operation, per method (by ordinal): the timers of the statuses met, few, scanned in order. */
        private final Map<String, AtomicReferenceArray<StatusTimer[]>> timers = new ConcurrentHashMap<>();

        HostMeters(Host coordinator, String protocol) {
            this.host = tag(coordinator);
            this.protocol = protocol;
            this.bytesSent = Counter.builder(BYTES_SENT).baseUnit("bytes").tag(TAG_HOST, host)
                    .description("Request bodies sent").register(registry);
            this.bytesReceived = Counter.builder(BYTES_RECEIVED).baseUnit("bytes").tag(TAG_HOST, host)
                    .description("Response bodies received").register(registry);
            this.queueTime = DistributionSummary.builder(SERVER_QUEUE_TIME).baseUnit("seconds").tag(TAG_HOST, host)
                    .description("The server's x-arango-queue-time-seconds").register(registry);
        }

        Timer timer(String operation, HttpMethod method, int status) {
            AtomicReferenceArray<StatusTimer[]> byMethod = timers.computeIfAbsent(operation,
                    o -> new AtomicReferenceArray<>(HttpMethod.values().length));
            // Published whole, never changed in place.
            Timer known = find(byMethod.get(method.ordinal()), status);
            return known != null ? known : register(byMethod, operation, method, status);
        }

        private Timer register(AtomicReferenceArray<StatusTimer[]> byMethod, String operation, HttpMethod method,
                int status) {
            synchronized (byMethod) {
                StatusTimer[] known = byMethod.get(method.ordinal());
                Timer registered = find(known, status);
                if (registered != null) {
                    return registered; // by another thread, since the first look
                }
                Timer timer = Timer.builder(REQUESTS)
                        .tags(Tags.of(TAG_HOST, host, ArangoMetrics.TAG_OPERATION, operation, ArangoMetrics.TAG_METHOD,
                                method.name(), ArangoMetrics.TAG_STATUS, statusTag(status), ArangoMetrics.TAG_OUTCOME,
                                status < 0 ? Outcome.UNKNOWN.name() : Outcome.forStatus(status).name(), TAG_PROTOCOL, protocol))
                        .description("One attempt of a request to one coordinator")
                        .register(registry);
                StatusTimer[] grown = known == null ? new StatusTimer[1] : Arrays.copyOf(known, known.length + 1);
                grown[grown.length - 1] = new StatusTimer(status, timer);
                byMethod.set(method.ordinal(), grown);
                return timer;
            }
        }

        private static Timer find(StatusTimer[] known, int status) {
            if (known != null) {
                for (StatusTimer timer : known) {
                    if (timer.status == status) {
                        return timer.timer;
                    }
                }
            }
            return null;
        }

        void queueTime(String seconds) {
            double value = parseSeconds(seconds);
            if (!Double.isNaN(value)) {
                queueTime.record(value);
            }
        }
    }

    /**
     * The server's queue time, such as {@code 0.000123}: plain decimals are read by hand, since
     * {@code Double.parseDouble} allocates for each answer; anything else goes to it. NaN when unreadable:
     * a header we cannot read is no reason to fail a request.
     */
    static double parseSeconds(String text) {
        long digits = 0;
        int decimals = 0;
        int count = 0;
        boolean point = false;
        int length = text.length();
        if (length == 0 || length > 18) {
            return parseOther(text);
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (point) {
                    decimals++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return parseOther(text);
            }
        }
        return count == 0 ? Double.NaN : digits / POWERS_OF_TEN[decimals];
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

    private static double parseOther(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A request left {@code host} for another coordinator. */
    void failover(Host host, String reason) {
        Counter.builder(FAILOVERS).tags(TAG_HOST, tag(host), ArangoMetrics.TAG_REASON, reason)
                .description("Requests that left this coordinator for another").register(registry).increment();
    }

    /** A hedged request ended: {@code result} is {@code won}, {@code lost} or {@code failed}. */
    void hedge(Host slow, String result) {
        Counter.builder(ArangoMetrics.HEDGES).tags(TAG_HOST, tag(slow), ArangoMetrics.TAG_RESULT, result)
                .description("Requests sent again to another coordinator because this one was slow")
                .register(registry).increment();
    }

    /** The coordinator was ejected for slow attempts in a row. */
    void ejected(Host host) {
        Counter.builder(ArangoMetrics.EJECTIONS).tags(TAG_HOST, tag(host))
                .description("Times the coordinator was ejected for slow attempts in a row").register(registry).increment();
    }
}
