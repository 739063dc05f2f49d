package io.aioarango.core.grayfailure;

/** Gray failures over the jdk transport. */
class JdkGrayFailureTest extends GrayFailureTest {
    @Override
    protected String transport() {
        return "jdk";
    }
}
