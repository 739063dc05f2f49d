package io.aioarango.core.grayfailure;

/** Gray failures over the netty transport. */
class NettyGrayFailureTest extends GrayFailureTest {
    @Override
    protected String transport() {
        return "netty";
    }
}
