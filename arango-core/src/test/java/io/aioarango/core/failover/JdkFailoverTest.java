package io.aioarango.core.failover;

/** Failover over the jdk transport. */
class JdkFailoverTest extends FailoverTest {
    @Override
    protected String transport() {
        return "jdk";
    }
}
