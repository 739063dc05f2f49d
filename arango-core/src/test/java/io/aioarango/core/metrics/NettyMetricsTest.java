package io.aioarango.core.metrics;

/** Metrics over the netty transport. */
class NettyMetricsTest extends MetricsTest {
    @Override
    protected String transport() {
        return "netty";
    }

    @Override
    protected boolean pools() {
        return true;
    }
}
