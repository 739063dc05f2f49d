package io.aioarango.api;

import java.util.List;

/**
 * Picks the coordinator for one attempt of one request.
 *
 * <p>The core offers the candidates: the client's hosts that this request has not tried yet, in the
 * order they were configured, never empty. The resolver must return one of them. It is called
 * concurrently from many threads and must not block.
 *
 * <p>Built-in resolvers are {@code "roundrobin"} (the default) and {@code "random"}; see
 * {@code io.aioarango.core.HostResolvers}.
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
}
