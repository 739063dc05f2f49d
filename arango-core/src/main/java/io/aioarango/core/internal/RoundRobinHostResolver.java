package io.aioarango.core.internal;

import io.aioarango.api.Host;
import io.aioarango.api.HostCandidate;
import io.aioarango.api.HostResolver;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes the candidates in turn: with every host up, each gets the same share of first attempts. */
public final class RoundRobinHostResolver implements HostResolver {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public Host select(List<Host> candidates) {
        return candidates.get(turn(candidates.size()));
    }

    @Override
    public HostCandidate choose(List<? extends HostCandidate> candidates) {
        return candidates.get(turn(candidates.size()));
    }

    private int turn(int candidates) {
        return Math.floorMod(next.getAndIncrement(), candidates);
    }

    @Override
    public String toString() {
        return "roundrobin";
    }
}
