package io.aioarango.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the futures a test issued and how often their callbacks ran: each must complete exactly once. */
public final class Completions {
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();

    public <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        issued.incrementAndGet();
        future.whenComplete((value, failure) -> completed.incrementAndGet());
        return future;
    }

    public void assertEachCompletedOnce() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (completed.get() < issued.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(completed.get()).as("completions of %d futures", issued.get()).isEqualTo(issued.get());
    }
}
