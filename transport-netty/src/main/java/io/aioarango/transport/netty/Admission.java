package io.aioarango.transport.netty;

import io.aioarango.api.Host;
import io.aioarango.api.RequestQueueFullException;
import io.aioarango.transport.spi.TransportOptions;
import io.aioarango.transport.spi.support.Completions;
import io.aioarango.transport.spi.support.PendingExchanges;
import java.util.ArrayList;
import java.util.List;

/**
 * The one admission rule of both protocols: a request starts if the session has room for it now (a free
 * connection slot over HTTP/1.1, a free stream over HTTP/2), else waits in a queue of at most
 * {@code maxPendingRequestsPerHost}, else is refused with {@link RequestQueueFullException}; a request sent
 * again (HTTP/2, never processed) is never refused, and nothing is admitted once the session closed.
 *
 * <p>The queue is linked through the {@link Queued} requests themselves: a request that ends while waiting
 * leaves it at once, without a scan and without an object per request. All but {@link #withdraw} and
 * {@link #refuse} run under the session's lock, which guards the queue.
 */
final class Admission {
    /** What happens to a request offered to the session. */
    enum Verdict { START, WAIT, QUEUE_FULL, CLOSED }

    private final Object lock;
    private final Host host;
    private final TransportOptions options;
    private final PendingExchanges exchanges;
    private Queued head; // guarded by lock
    private Queued tail; // guarded by lock
    private int size; // guarded by lock

    Admission(Object lock, Host host, TransportOptions options, PendingExchanges exchanges) {
        this.lock = lock;
        this.host = host;
        this.options = options;
        this.exchanges = exchanges;
    }

    /** Decides, and on {@code WAIT} queues the request; under the lock. */
    Verdict admit(Queued queued, boolean closed, boolean roomNow) {
        if (closed) {
            return Verdict.CLOSED;
        }
        if (roomNow) {
            return Verdict.START;
        }
        if (queued.resends > 0 || size < options.maxPendingRequestsPerHost()) {
            add(queued);
            return Verdict.WAIT;
        }
        return Verdict.QUEUE_FULL;
    }

    /** Fails a request refused {@code QUEUE_FULL} or {@code CLOSED}; outside the lock. */
    void refuse(Verdict verdict, Queued queued) {
        queued.drop();
        if (verdict == Verdict.QUEUE_FULL) {
            queued.result.completeExceptionally(new RequestQueueFullException(host, options.maxConnectionsPerHost(),
                    options.maxPendingRequestsPerHost()));
        } else {
            Completions.fail(queued.result, exchanges::closedError);
        }
    }

    /**
     * A request's future completed: if it still waits, it leaves the queue and its Netty request is released.
     * The volatile flag spares the lock for every request that was never queued or already left it.
     */
    void withdraw(Queued queued) {
        if (!queued.waiting) {
            return;
        }
        boolean removed;
        synchronized (lock) {
            removed = unlink(queued);
        }
        if (removed) {
            queued.drop();
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** How many wait. */
    int size() {
        return size;
    }

    /** The next waiting request whose caller still waits, or {@code null}; ended ones met are released. */
    Queued poll() {
        Queued next;
        while ((next = head) != null) {
            unlink(next);
            if (!next.result.isDone()) {
                return next;
            }
            next.drop();
        }
        return null;
    }

    /** Empties the queue, for the caller to fail what waited; under the lock. */
    List<Queued> clear() {
        List<Queued> all = new ArrayList<>(size);
        Queued next;
        while ((next = head) != null) {
            unlink(next);
            all.add(next);
        }
        return all;
    }

    private void add(Queued queued) {
        queued.previous = tail;
        if (tail == null) {
            head = queued;
        } else {
            tail.next = queued;
        }
        tail = queued;
        size++;
        queued.waiting = true;
    }

    private boolean unlink(Queued queued) {
        if (!queued.waiting) {
            return false;
        }
        queued.waiting = false;
        Queued previous = queued.previous;
        Queued next = queued.next;
        if (previous == null) {
            head = next;
        } else {
            previous.next = next;
        }
        if (next == null) {
            tail = previous;
        } else {
            next.previous = previous;
        }
        queued.previous = null;
        queued.next = null;
        size--;
        return true;
    }
}
