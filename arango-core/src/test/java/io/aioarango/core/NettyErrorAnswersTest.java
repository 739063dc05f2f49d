package io.aioarango.core;

/** {@link ErrorAnswersTest} over the netty transport. */
class NettyErrorAnswersTest extends ErrorAnswersTest {
    @Override
    String transport() {
        return "netty";
    }
}
