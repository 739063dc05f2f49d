package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.Version;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/** The versions Boot 4.0 manages are the ones these tests ran on: what the README's support table claims. */
class VersionsTest {
    @Test
    void bootsOwnNetty() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
        assertThat(Version.identify().get("netty-transport").artifactVersion()).startsWith("4.2.");
    }
}
