package io.aioarango.spring.boot;

import io.aioarango.core.ArangoClient;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the client gracefully when the context stops: new calls fail, the calls in flight get the grace
 * period to end. Its phase is below the web server's graceful shutdown, so requests the server is still
 * finishing can use the client; the bean's destroy method closes the client outright if stop never came
 * (a context that failed to start).
 */
final class ArangoClientLifecycle implements SmartLifecycle {
    /** Below the web server's graceful shutdown (DEFAULT_PHASE - 1024) and its stop (DEFAULT_PHASE - 2048). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final ArangoClient client;
    private final Duration grace;
    private volatile boolean running;

    ArangoClientLifecycle(ArangoClient client, Duration grace) {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("aioarango.shutdown-grace-period must be zero or positive, got " + grace);
        }
        this.client = client;
        this.grace = grace;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        client.closeGracefully(grace).join();
        running = false;
    }

    @Override
    public void stop(Runnable callback) {
        client.closeGracefully(grace).whenComplete((noneLeft, failure) -> {
            running = false;
            callback.run();
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
