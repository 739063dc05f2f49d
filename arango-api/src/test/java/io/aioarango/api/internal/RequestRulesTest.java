package io.aioarango.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dot-segment rule: a scan that must say exactly what the original split-and-compare said. */
class RequestRulesTest {

    /** The rule as first written, with a regular expression: the oracle. */
    private static boolean oracle(String path) {
        for (String segment : path.split("/|%2[fF]|\\\\|%5[cC]", -1)) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void knownPaths() {
        for (String bad : List.of(".", "..", "/..", "/../x", "/_api/./x", "/_api/%2e%2E/x", "/_api/..", "/a%2F..%2Fb",
                "/a\\..\\x", "/a%5c.%5Cx", "%2e", "/x/%2E", "/x/.%2e/")) {
            assertThat(RequestRules.hasDotSegment(bad)).as(bad).isTrue();
        }
        for (String good : List.of("", "/", "/_admin/server/id", "/a.b", "/...", "/.x", "/x.", "/%2e%2e%2e", "/%2",
                "/%2f", "/a%2fb", "/%2x", "/%", "/a/b.json")) {
            assertThat(RequestRules.hasDotSegment(good)).as(good).isFalse();
        }
    }

    @Test
    void agreesWithTheOracleOnRandomPaths() {
        String[] parts = {"/", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "%5C", "\\", "a", "%", "2", "e", "%2"};
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder path = new StringBuilder();
            for (int k = random.nextInt(7); k >= 0; k--) {
                path.append(parts[random.nextInt(parts.length)]);
            }
            String p = path.toString();
            assertThat(RequestRules.hasDotSegment(p)).as(p).isEqualTo(oracle(p));
        }
    }
}
