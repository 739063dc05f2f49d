package io.aioarango.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service of the cluster: the starter makes its {@code ArangoClient} and {@code Database}
 * beans from application.properties. Built and tested on Boot 3.5 and 4.0 (examples/src/it).
 */
@SpringBootApplication
public class ClusterStatusApplication {
    public static void main(String[] args) {
        SpringApplication.run(ClusterStatusApplication.class, args);
    }
}
