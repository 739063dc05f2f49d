package io.aioarango.core.internal;

import io.aioarango.api.Host;
import io.aioarango.api.HostCandidate;
import io.aioarango.api.HostResolver;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks a candidate uniformly at random. */
public final class RandomHostResolver implements HostResolver {

    @Override
    public Host select(List<Host> candidates) {
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    @Override
    public HostCandidate choose(List<? extends HostCandidate> candidates) {
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    @Override
    public String toString() {
        return "random";
    }
}
