package io.aioarango.core.admin;

/** {@link AdministrationTest} over the netty transport. */
class NettyAdministrationTest extends AdministrationTest {
    @Override
    protected String transport() {
        return "netty";
    }
}
