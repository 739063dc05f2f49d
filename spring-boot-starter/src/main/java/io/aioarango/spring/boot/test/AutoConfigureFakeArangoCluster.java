package io.aioarango.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * On a test class ({@code @SpringBootTest}, or an {@code ApplicationContextRunner}'s user configuration):
 * starts an arango-testkit {@code FakeCluster} of three coordinators on loopback for the context, and
 * points the {@code ArangoClient} bean at it, as user {@code root} (password {@code passwd}) with a
 * {@code Database} bean of {@code _system}; no {@code aioarango.*} property is needed. The cluster is a bean
 * too, for a test that makes a coordinator fail. Needs {@code io.aioarango:arango-testkit} on the test class
 * path.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(FakeArangoClusterAutoConfiguration.class)
public @interface AutoConfigureFakeArangoCluster {
}
