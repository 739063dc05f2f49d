package io.aioarango.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.Credentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a token is had again: before its exp, after a refusal, once for all who wait; on a clock of the test's. */
class AuthenticationRenewalTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static String token(Instant expiry, int serial) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"exp\":" + expiry.getEpochSecond() + ",\"n\":" + serial + "}")
                        .getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void aJwtIsRenewedShortlyBeforeItsExpiryByOneLoginForEveryoneWaiting() {
        MovableClock clock = new MovableClock();
        AtomicInteger logins = new AtomicInteger();
        List<CompletableFuture<String>> pendingLogins = new ArrayList<>();
        Authentication auth = Authentication.of(Credentials.jwt("root", "pw"), jwt -> {
            logins.incrementAndGet();
            CompletableFuture<String> login = new CompletableFuture<>();
            pendingLogins.add(login);
            return login;
        }, clock);

        assertThat(auth.header()).as("no token before the first login").isNull();
        CompletableFuture<String> first = auth.renew(null);
        CompletableFuture<String> second = auth.renew(null);
        assertThat(logins).as("one login for both").hasValue(1);
        pendingLogins.get(0).complete(token(clock.instant().plus(Duration.ofHours(1)), 1));
        assertThat(first.join()).isEqualTo(second.join()).startsWith("bearer ");
        assertThat(auth.header()).isEqualTo(first.join());

        clock.advance(Duration.ofMinutes(58));
        assertThat(auth.header()).as("two minutes before exp: still good").isEqualTo(first.join());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(auth.header()).as("less than a minute before exp: to be renewed").isNull();
        CompletableFuture<String> renewed = auth.renew(null);
        assertThat(logins).hasValue(2);
        pendingLogins.get(1).complete(token(clock.instant().plus(Duration.ofHours(1)), 2));
        assertThat(renewed.join()).isNotEqualTo(first.join());
        assertThat(auth.header()).isEqualTo(renewed.join());
    }

    @Test
    void aRefusedTokenIsReplacedOnceAndAFailedLoginIsEveryWaitersFailure() {
        MovableClock clock = new MovableClock();
        AtomicInteger logins = new AtomicInteger();
        Authentication auth = Authentication.of(Credentials.jwt("root", "pw"), jwt -> logins.incrementAndGet() == 2
                ? CompletableFuture.failedFuture(new IllegalStateException("refused"))
                : CompletableFuture.completedFuture(token(clock.instant().plus(Duration.ofHours(1)), logins.get())),
                clock);
        String first = auth.renew(null).join();

        assertThat(auth.renew("bearer some-older-token").join()).as("a stale header other than the current one")
                .isEqualTo(first);
        assertThat(logins).hasValue(1);
        assertThatThrownBy(() -> auth.renew(first).join()).hasRootCauseMessage("refused");
        assertThat(logins).hasValue(2);
        String third = auth.renew(first).join();
        assertThat(third).isNotEqualTo(first);
        assertThat(logins).hasValue(3);
    }

    @Test
    void aSecretSignsANewTokenWhenTheOldOneNearsItsEnd() {
        MovableClock clock = new MovableClock();
        Authentication auth = Authentication.of(Credentials.jwtSecret("s"), jwt -> null, clock);
        String first = auth.renew(null).join();

        clock.advance(Authentication.SIGNED_LIFETIME.minusSeconds(30));

        assertThat(auth.header()).isNull();
        assertThat(auth.renew(null).join()).isNotEqualTo(first);
    }

    private static String tokenWithExp(String exp) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void aHostileOrAlreadyPassedExpNeitherHangsTheWaitersNorMakesALoginPerRequest() {
        MovableClock clock = new MovableClock();
        for (String exp : new String[] {"9223372036854775807", "-9223372036854775808", "0",
                String.valueOf(clock.instant().getEpochSecond() - 60)}) {
            AtomicInteger logins = new AtomicInteger();
            Authentication auth = Authentication.of(Credentials.jwt("root", "pw"), jwt -> {
                logins.incrementAndGet();
                return CompletableFuture.completedFuture(tokenWithExp(exp));
            }, clock);

            assertThat(auth.renew(null)).as("exp " + exp).isCompleted();
            assertThat(auth.header()).as("exp " + exp + ": kept a while, not a login per request").isNotNull();
            assertThat(auth.renew(null).join()).isEqualTo(auth.header());
            assertThat(logins).hasValue(1);
        }
        assertThat(Authentication.expiry(tokenWithExp("9223372036854775807")))
                .isEqualTo(Instant.ofEpochSecond(Instant.MAX.getEpochSecond()));
    }

    @Test
    void aBearerTokenIsSentUntilItsExpAndRefusedBeforeAnyRequestAfter() {
        MovableClock clock = new MovableClock();
        String token = tokenWithExp(String.valueOf(clock.instant().getEpochSecond() + 60));
        Authentication auth = Authentication.of(Credentials.bearer(token), jwt -> null, clock);
        assertThat(auth.header()).isEqualTo("bearer " + token);
        assertThat(auth.isStatic()).as("checked per request").isFalse();

        clock.advance(Duration.ofSeconds(61));

        assertThat(auth.header()).isNull();
        assertThatThrownBy(() -> auth.renew(null).join()).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bearer token expired").hasMessageNotContaining(token);
        assertThatThrownBy(() -> Authentication.of(Credentials.bearer(token), jwt -> null, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bearer token expired");
    }
}
