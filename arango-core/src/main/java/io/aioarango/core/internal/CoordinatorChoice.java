package io.aioarango.core.internal;

import io.aioarango.api.Host;
import io.aioarango.api.HostCandidate;
import io.aioarango.api.HostResolver;
import io.aioarango.core.internal.Coordinators.Coordinator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which coordinator an attempt goes to: the resolver's pick among those up and not yet tried, else the one
 * down longest; and which coordinator a follower's redirect may go to. Static, so that a request carries no
 * extra object for it; the state it reads (the failures so far) stays the request's.
 */
final class CoordinatorChoice {
    private static final System.Logger LOG = System.getLogger(RequestExecutor.class.getName());
    /** Whether a resolver's class overrides {@link HostResolver#choose}: looked up once per class. */
    private static final ClassValue<Boolean> SEES_LOAD = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("choose", List.class).getDeclaringClass() != HostResolver.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private CoordinatorChoice() {
    }

    /** Whether {@code picker} is offered the coordinators themselves (their load), not only their hosts. */
    static boolean seesLoad(HostResolver picker) {
        return picker != null && SEES_LOAD.get(picker.getClass());
    }

    /**
     * The resolver's pick among the coordinators that are up and not in {@code tried}, and not {@code exclude};
     * null when none is left. When {@code anyway}, and every coordinator not yet tried is down, the one down
     * longest. Called with the request's lock held, which guards {@code tried}.
     */
    static Coordinator choose(Coordinators coordinators, Coordinators.Pool pool, Map<Host, Throwable> tried,
            Coordinator exclude, boolean anyway, HostResolver picker, boolean seesLoad) {
        List<Coordinator> all = pool.coordinators();
        if (exclude == null && tried.isEmpty() && coordinators.noneDown() && !all.isEmpty()) {
            // Every coordinator is a candidate: offer the pool's own lists, no copy made.
            Coordinator coordinator = pick(pool, all, picker, seesLoad);
            if (coordinator.health.claim()) {
                return coordinator;
            }
            // It went down meanwhile: choose among those available, as below.
        }
        List<Coordinator> untried = new ArrayList<>(all.size());
        for (Coordinator coordinator : all) {
            if (coordinator != exclude && !tried.containsKey(coordinator.host)) {
                untried.add(coordinator);
            }
        }
        if (untried.isEmpty()) {
            return null;
        }
        List<Coordinator> candidates = new ArrayList<>(untried.size());
        for (Coordinator coordinator : untried) {
            if (coordinator.health.isUp()) {
                candidates.add(coordinator);
            }
        }
        while (!candidates.isEmpty()) {
            Coordinator coordinator = pick(pool, candidates, picker, seesLoad);
            if (coordinator.health.claim()) {
                return coordinator;
            }
            candidates.remove(coordinator); // it went down meanwhile
        }
        if (!anyway) {
            return null;
        }
        // Every coordinator not yet tried is down: try the one down longest rather than fail untried.
        long now = System.nanoTime();
        return untried.stream()
                .min(Comparator.comparingLong(c -> c.health.downSince() - now))
                .orElseThrow();
    }

    /**
     * Asks the resolver: a resolver that sees load is offered the coordinators themselves, any other
     * their hosts. The whole pool is offered as the pool's own lists, and the pick found in constant time.
     */
    private static Coordinator pick(Coordinators.Pool pool, List<Coordinator> candidates, HostResolver picker,
            boolean seesLoad) {
        boolean whole = candidates == pool.coordinators();
        if (seesLoad) {
            HostCandidate picked = picker.choose(whole ? candidates : Collections.unmodifiableList(candidates));
            int index = -1;
            if (whole && picked != null) {
                Integer position = pool.positions().get(picked.host());
                index = position != null && candidates.get(position) == picked ? position : -1;
            } else {
                for (int i = 0; i < candidates.size() && index < 0; i++) {
                    index = candidates.get(i) == picked ? i : -1;
                }
            }
            if (index < 0) {
                throw notACandidate(picker, picked == null ? null : picked.host(), candidates);
            }
            return candidates.get(index);
        }
        List<Host> offered = whole ? pool.hosts() : candidates.stream().map(Coordinator::host).toList();
        Host picked = picker.select(offered);
        Integer index = picked == null ? null : whole ? pool.positions().get(picked) : (Integer) offered.indexOf(picked);
        if (index == null || index < 0) {
            throw notACandidate(picker, picked, candidates);
        }
        return candidates.get(index);
    }

    private static IllegalStateException notACandidate(HostResolver picker, Host picked, List<Coordinator> candidates) {
        return new IllegalStateException("HostResolver " + picker + " returned " + picked
                + ", which is not one of the candidates " + candidates.stream().map(Coordinator::host).toList());
    }

    /**
     * The coordinator an active-failover follower names as its leader, if the client knows it: the
     * request and its credentials go to no host the user did not give or the cluster did not list.
     */
    static Coordinator leader(Coordinators coordinators, Coordinator follower, String endpoint) {
        Coordinator leader = null;
        try {
            leader = coordinators.find(HostParser.parseOne(endpoint, 0, 1));
        } catch (IllegalArgumentException e) {
            // not a URL: nothing to follow
        }
        if (leader == null) {
            LOG.log(System.Logger.Level.WARNING, () -> "Coordinator " + follower.host
                    + " redirected to an endpoint that is not one of the client's coordinators; not followed");
        }
        return leader;
    }
}
