package io.aioarango.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aioarango.transport.tck.Waiting;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records every leak Netty's detector reports, at PARANOID level, so that tests can fail on them.
 * {@link #install()} must run before Netty creates its first buffer: call it from a static initialiser, or
 * put {@code @ExtendWith(NettyLeaks.Check.class)} on the test class.
 */
final class NettyLeaks {
    /** Installs the detector when JUnit registers it, before the class's tests; fails the class on any leak. */
    static final class Check implements AfterAllCallback {
        static {
            install();
        }

        @Override
        public void afterAll(ExtensionContext context) throws InterruptedException {
            assertThat(reports()).as("buffers leaked").isEmpty();
        }
    }

    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private NettyLeaks() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                    long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected boolean needReport() {
                        return true;
                    }

                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        REPORTS.add("LEAK " + resourceType + records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        REPORTS.add("LEAK " + resourceType);
                    }
                };
            }
        });
    }

    /** Collects garbage, lets the detector look at what was collected, and returns every report so far. */
    static List<String> reports() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            collectGarbage();
            // The detector checks for collected, unreleased buffers when a new one is tracked.
            for (int j = 0; j < 100; j++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                probe.release();
            }
        }
        return List.copyOf(REPORTS);
    }

    /** Returns once a collection has cleared a weak reference, so that unreachable buffers are known to be gone. */
    private static void collectGarbage() {
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        Waiting.eventually("a garbage collection ran", () -> {
            System.gc();
            return sentinel.get() == null;
        });
    }
}
