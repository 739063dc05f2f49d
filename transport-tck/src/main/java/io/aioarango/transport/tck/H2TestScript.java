package io.aioarango.transport.tck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test set on an {@link H2TestServer} and what the server counted, shared by the server, which the test
 * drives, and its connections, which answer: the knobs that change how a request is answered, and the counters
 * of what the client did. Every field is safe to read and write from any thread.
 */
final class H2TestScript {
    volatile Duration delay = Duration.ZERO;
    volatile boolean answerPings = true;
    final Set<String> resetPaths = ConcurrentHashMap.newKeySet();
    final Set<String> holdPrefixes = ConcurrentHashMap.newKeySet();
    /** Paths answered as soon as their HEADERS arrive, the body left unread (no WINDOW_UPDATE). */
    final Set<String> earlyPaths = ConcurrentHashMap.newKeySet();
    /** Paths answered with one header of this many bytes besides the usual ones. */
    final Map<String, Integer> bigHeaders = new ConcurrentHashMap<>();
    final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    final List<String> resetsReceived = new CopyOnWriteArrayList<>();
    final AtomicInteger maxConcurrentStreamsSeen = new AtomicInteger();
    final AtomicInteger streamsOverLimit = new AtomicInteger();
    final AtomicInteger pingsReceived = new AtomicInteger();

    static void count(Map<String, AtomicInteger> counts, String path) {
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }
}
