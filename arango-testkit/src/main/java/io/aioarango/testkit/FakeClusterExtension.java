package io.aioarango.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link FakeCluster} for JUnit 5 tests and hands it to them as a parameter.
 *
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static final FakeClusterExtension CLUSTER = new FakeClusterExtension(FakeCluster.builder().coordinators(3));
 *
 *     @Test
 *     void talksToTheCluster(FakeCluster cluster) {
 *         ArangoClient client = ArangoClient.builder().hosts(cluster.hosts()).build();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Registered on a static field (or with {@code @ExtendWith(FakeClusterExtension.class)}, which gives
 * three coordinators), one cluster serves every test of the class: it starts before the first and
 * closes after the last, and before each test it is {@linkplain FakeCluster#reset() reset}, so no test
 * sees the stopped, frozen or black-holed coordinators, faults, requests or maintenance mode of another.
 * Registered on an instance field, each test gets a cluster of its own.
 */
@SuppressWarnings("exports") // JUnit's interfaces: whoever registers an extension reads JUnit already
public final class FakeClusterExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final FakeCluster.Builder builder;
    private FakeCluster cluster;
    private boolean perClass;

    /** A cluster of three coordinators, as {@link FakeCluster#start(int)} makes it. */
    public FakeClusterExtension() {
        this(FakeCluster.builder());
    }

    /**
     * A cluster as the builder describes it.
     *
     * @param builder the shape, users and databases of the cluster; it is started by the extension
     */
    public FakeClusterExtension(FakeCluster.Builder builder) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null; use FakeCluster.builder()");
        }
        this.builder = builder;
    }

    /**
     * Returns the running cluster.
     *
     * @return the cluster of the current test
     * @throws IllegalStateException outside a test, before it started or after it closed
     */
    public synchronized FakeCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("The fake cluster runs only while a test of the class runs");
        }
        return cluster;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        perClass = true;
        cluster = builder.start();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        closeCluster();
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (perClass) {
            cluster.reset();
        } else {
            cluster = builder.start();
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (!perClass) {
            closeCluster();
        }
    }

    private void closeCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster();
    }
}
