package io.aioarango.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the coordinator for one attempt of one request.
 *
 * <p>The core offers the candidates: the client's hosts that this request has not tried yet, in the
 * order they were configured, never empty. The resolver must return one of them. It is called
 * concurrently from many threads and must not block.
 *
 * <p>A resolver that wants to see load overrides {@link #choose(List)}, which the core calls: it is offered
 * each candidate's requests in flight and recent latency. A resolver that implements only
 * {@link #select(List)} is offered the hosts alone, exactly as before.
 *
 * <p>Built-in resolvers are {@code "leastloaded"} (the default), {@code "roundrobin"} and {@code "random"};
 * see {@code io.aioarango.core.HostResolvers}.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * Picks the coordinator for the next attempt.
     *
     * @param candidates the hosts this request may still try, in configured order; never empty, unmodifiable
     * @return one of {@code candidates}
     */
    Host select(List<Host> candidates);

    /**
     * Picks the coordinator for the next attempt, seeing each candidate's load. By default it asks
     * {@link #select(List)} with the candidates' hosts; the core then offers a resolver that does not
     * override this method the hosts alone, without building this view.
     *
     * @param candidates the coordinators this request may still try, in configured order; never empty,
     *                   unmodifiable
     * @return one of {@code candidates}, the very object
     * @throws IllegalStateException if {@link #select(List)} returned a host that is not a candidate
     */
    default HostCandidate choose(List<? extends HostCandidate> candidates) {
        List<Host> hosts = new ArrayList<>(candidates.size());
        for (HostCandidate candidate : candidates) {
            hosts.add(candidate.host());
        }
        Host picked = select(List.copyOf(hosts));
        int index = hosts.indexOf(picked);
        if (index < 0) {
            throw new IllegalStateException("HostResolver " + this + " returned " + picked
                    + ", which is not one of the candidates " + hosts);
        }
        return candidates.get(index);
    }
}
