/**
 * An in-process fake ArangoDB cluster for tests: {@link io.aioarango.testkit.FakeCluster}, its
 * {@link io.aioarango.testkit.FakeCoordinator}s and a JUnit 5 extension. It speaks HTTP/1.1 on loopback
 * and does not depend on the SDK.
 */
module io.aioarango.testkit {
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.transport;
    requires com.fasterxml.jackson.databind;
    // FakeClusterExtension only: present whenever a JUnit 5 test uses it. Not transitive: a module that
    // requires the testkit must compile without JUnit (javac would look for a static transitive one).
    requires static org.junit.jupiter.api;

    exports io.aioarango.testkit;
}
