package io.aioarango.core.metrics;

/** Metrics over the jdk transport. */
class JdkMetricsTest extends MetricsTest {
    @Override
    protected String transport() {
        return "jdk";
    }

    @Override
    protected boolean pools() {
        return false;
    }
}
