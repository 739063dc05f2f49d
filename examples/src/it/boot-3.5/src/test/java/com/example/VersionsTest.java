package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/** The versions Boot 3.5 manages are the ones these tests ran on: what the README's support table claims. */
class VersionsTest {
    @Test
    void bootsOwnNettyJacksonAndMicrometer() {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
        assertThat(Version.identify().get("netty-transport").artifactVersion()).startsWith("4.1.");
        assertThat(ObjectMapper.class.getPackage().getImplementationVersion()).startsWith("2.19.");
        assertThat(MeterRegistry.class.getPackage().getImplementationVersion()).startsWith("1.15.");
    }
}
