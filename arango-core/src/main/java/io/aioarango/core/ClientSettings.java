package io.aioarango.core;

import io.aioarango.api.Credentials;
import io.aioarango.api.Host;
import io.aioarango.api.HostResolver;
import io.aioarango.core.internal.HostParser;
import io.aioarango.transport.spi.Transport;
import io.aioarango.transport.spi.TransportOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What an {@link ArangoClient.Builder} was told, with every default, as {@link ClientContext} reads it. Kept
 * apart from the builder, so that the builder holds only its documented setters; the checks those setters
 * document are made here.
 */
final class ClientSettings {
    static final int MAX_COORDINATORS_LIMIT = 1024;

    final List<String> hostEntries = new ArrayList<>();
    boolean hostsSet;
    String hostsString;
    HostResolver resolver = HostResolvers.leastLoaded();
    Hedging hedging = Hedging.adaptive();
    int ejectAfterSlowAttempts = ArangoClient.DEFAULT_EJECT_AFTER_SLOW_ATTEMPTS;
    String transportName;
    Transport transport;
    /** {@code null} until set: the defaults then, and nothing to warn about for a transport instance. */
    TransportOptions transportOptions;
    Executor completionExecutor;
    boolean verifyConnection;
    int maxAttempts;
    boolean retryOnTimeout;
    Duration initialBackoff = Duration.ofSeconds(1);
    Duration maxBackoff = Duration.ofSeconds(30);
    Duration jobPollFirst = Duration.ofMillis(250);
    Duration jobPollMax = Duration.ofSeconds(5);
    Duration discoveryInterval;
    int maxCoordinators = ArangoClient.DEFAULT_MAX_COORDINATORS;
    Credentials discoveryCredentials;
    MeterRegistry meterRegistry = Metrics.globalRegistry;
    ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
    ArangoObservationConvention observationConvention;

    void hosts(String hosts) {
        given(hosts);
        this.hostsString = hosts;
        this.hostEntries.clear();
        this.hostsSet = true;
    }

    void hosts(List<String> hosts) {
        given(hosts);
        this.hostsString = null;
        this.hostEntries.clear();
        this.hostEntries.addAll(hosts);
        this.hostsSet = true;
    }

    private static void given(Object hosts) {
        if (hosts == null) {
            throw new IllegalArgumentException("hosts must not be null; pass coordinator URLs such as http://host:8529");
        }
    }

    void transport(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Transport name '" + name + "' is blank; use e.g. \"jdk\" or \"netty\"");
        }
        this.transportName = name;
        this.transport = null;
    }

    void transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.transportName = null;
    }

    void maxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + attempts + " is not accepted; use 1 or more");
        }
        this.maxAttempts = attempts;
    }

    void ejectAfterSlowAttempts(int attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("ejectAfterSlowAttempts " + attempts
                    + " is not accepted; use 1 or more, or 0 never to eject");
        }
        this.ejectAfterSlowAttempts = attempts;
    }

    void hostBackoff(Duration initial, Duration max) {
        checkGrowing("hostBackoff", initial, max, "use a positive initial back-off no longer than the maximum");
        this.initialBackoff = initial;
        this.maxBackoff = max;
    }

    void jobPolling(Duration first, Duration max) {
        checkGrowing("jobPolling", first, max, "use a positive first pause no longer than the longest");
        this.jobPollFirst = first;
        this.jobPollMax = max;
    }

    void endpointDiscovery(Duration interval, Credentials credentials) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("Discovery interval " + interval
                    + " is not accepted; use a positive duration");
        }
        this.discoveryInterval = interval;
        this.discoveryCredentials = Objects.requireNonNull(credentials, "credentials");
    }

    void maxCoordinators(int coordinators) {
        if (coordinators < 1 || coordinators > MAX_COORDINATORS_LIMIT) {
            throw new IllegalArgumentException("maxCoordinators " + coordinators + " is not accepted; use 1 to "
                    + MAX_COORDINATORS_LIMIT);
        }
        this.maxCoordinators = coordinators;
    }

    /** The coordinators given, parsed and checked: at least one, at most {@link #maxCoordinators}. */
    List<Host> parsedHosts() {
        if (!hostsSet) {
            throw new IllegalArgumentException("No coordinator given: call hosts(...) with URLs such as http://host:8529");
        }
        List<Host> hosts = hostsString != null ? HostParser.parseCommaSeparated(hostsString) : HostParser.parse(hostEntries);
        if (hosts.size() > maxCoordinators) {
            throw new IllegalArgumentException(hosts.size() + " coordinators given, more than maxCoordinators "
                    + maxCoordinators + "; give fewer hosts or raise maxCoordinators(...)");
        }
        return hosts;
    }

    TransportOptions transportOptions() {
        return transportOptions != null ? transportOptions : TransportOptions.defaults();
    }

    /** A pause that doubles from {@code first} to {@code max}: both set, {@code first} positive, not above max. */
    private static void checkGrowing(String setting, Duration first, Duration max, String accepted) {
        if (first == null || max == null || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException(setting + " " + first + " to " + max + " is not accepted; " + accepted);
        }
    }
}
