package io.aioarango.transport.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.ArangoConnectionException;
import io.aioarango.api.Host;
import io.aioarango.api.Headers;
import io.aioarango.transport.spi.TransportResponse;
import io.aioarango.api.ResponseTooLargeException;
import io.aioarango.transport.spi.TransportOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pieces both transports read answers with: the body buffer, the checks, the limits. */
class ResponseReadingTest {
    private static final Host HOST = new Host("http", "127.0.0.1", 8529);

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    // ---- the body buffer --------------------------------------------------------------------------

    @Test
    void aDeclaredLengthIsHeldInOneArrayHandedOverWithoutACopy() {
        ResponseBodyBuffer body = ResponseBodyBuffer.forLength(HOST, 10, 100);
        ByteBuffer first = ascii("01234");
        body.append(first);
        body.append("56789".getBytes(StandardCharsets.US_ASCII), 0, 5);

        TransportResponse response = body.toResponse(200, Headers.empty());

        assertThat(first.hasRemaining()).as("the chunk was consumed").isFalse();
        assertThat(response.bodyAsString()).isEqualTo("0123456789");
        assertThat(response.bodyLength()).isEqualTo(10);
        assertThatThrownBy(() -> body.append(ascii("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeclaredLengthOverTheLimitFailsBeforeAnyByteIsRead() {
        assertThatThrownBy(() -> ResponseBodyBuffer.forLength(HOST, 101, 100))
                .isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(100);
                    assertThat(e.limitName()).isEqualTo("maxResponseBytes");
                })
                .hasMessage(HOST + ": response larger than the limit of 100 bytes (raise maxResponseBytes on the builder)");
    }

    /**
     * A server promising 8 MiB in a few bytes gets no 8 MiB array: what is held stays within eight times
     * what arrived, and the body still ends in one array of the declared size.
     */
    @Test
    void aDeclaredLengthIsAllocatedInProportionToWhatArrives() {
        int declared = 8 * 1024 * 1024;
        ResponseBodyBuffer body = ResponseBodyBuffer.forLength(HOST, declared, 128L * 1024 * 1024);
        assertThat(body.capacity()).isEqualTo(ResponseBodyBuffer.FIRST_CAPACITY);
        byte[] chunk = new byte[4096];
        while (body.size() < declared) {
            body.append(chunk, 0, chunk.length);
            assertThat((long) body.capacity()).as("capacity after %d bytes", body.size())
                    .isLessThanOrEqualTo(Math.max(ResponseBodyBuffer.FIRST_CAPACITY, 8L * body.size()))
                    .isLessThanOrEqualTo(declared);
        }
        assertThat(body.capacity()).isEqualTo(declared);
        assertThat(body.toResponse(200, Headers.empty()).bodyLength()).isEqualTo(declared);
    }

    @Test
    void anUnknownLengthGrowsUpToTheLimitAndNoFurther() {
        int limit = 3 * ResponseBodyBuffer.FIRST_CAPACITY + 7;
        ResponseBodyBuffer body = ResponseBodyBuffer.forLength(HOST, -1, limit);
        byte[] chunk = new byte[1000];
        for (int i = 0; i < limit / chunk.length; i++) {
            chunk[0] = (byte) i;
            body.append(ByteBuffer.wrap(chunk));
        }
        body.append(ByteBuffer.wrap(chunk, 0, limit % chunk.length));
        assertThat(body.size()).isEqualTo(limit);

        assertThatThrownBy(() -> body.append(ascii("x"))).isInstanceOf(ResponseTooLargeException.class);
        assertThatThrownBy(() -> body.toResponse(200, Headers.empty()))
                .as("what was read is dropped").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBodyReadWholeKeepsEveryByteInOrder() {
        ResponseBodyBuffer body = ResponseBodyBuffer.forLength(HOST, -1, 1 << 20);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String part = i + ",";
            expected.append(part);
            body.append(ascii(part));
        }
        assertThat(body.toResponse(200, Headers.empty()).bodyAsString()).isEqualTo(expected.toString());
    }

    // ---- what an answer declares ------------------------------------------------------------------

    @Test
    void contentLengthsThatMakeSense() {
        assertThat(ResponseChecks.contentLength(HOST, List.of())).isEqualTo(-1);
        assertThat(ResponseChecks.contentLength(HOST, List.of("0"))).isZero();
        assertThat(ResponseChecks.contentLength(HOST, List.of(" 42 "))).isEqualTo(42);
        assertThat(ResponseChecks.contentLength(HOST, List.of("7", "7, 7"))).isEqualTo(7);
        assertThat(ResponseChecks.contentLength(HOST, List.of("999999999999999999"))).isEqualTo(999999999999999999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999", "-1", "+5", "12abc", "", "0x10", "1e3"})
    void aContentLengthThatIsNotANumberIsAnInvalidResponse(String value) {
        assertThatThrownBy(() -> ResponseChecks.contentLength(HOST, List.of(value)))
                .isInstanceOfSatisfying(ArangoConnectionException.class, e -> assertThat(e.requestSent()).isTrue())
                .hasMessage(HOST + ": invalid response: bad Content-Length '" + value + "'");
    }

    @Test
    void contentLengthsThatDisagreeAreAnInvalidResponse() {
        assertThatThrownBy(() -> ResponseChecks.contentLength(HOST, List.of("5", "6")))
                .isInstanceOf(ArangoConnectionException.class)
                .hasMessage(HOST + ": invalid response: conflicting Content-Length values '5, 6'");
    }

    @Test
    void aHostileValueIsQuotedShortAndPrintable() {
        String quoted = ResponseChecks.quote("a\r\nb\u0000" + "x".repeat(500));

        assertThat(quoted).startsWith("'a??b?xxx").endsWith("...'").hasSizeLessThan(80);
    }

    @Test
    void theHeaderLimitCountsNamesAndValues() {
        Headers headers = Headers.of(Map.of("abc", List.of("12345", "67"), "d", List.of("")));

        assertThat(ResponseChecks.headerBytes(headers)).isEqualTo(3 + 5 + 3 + 2 + 1);
        ResponseChecks.checkHeaderSize(HOST, 14, headers);
        assertThatThrownBy(() -> ResponseChecks.checkHeaderSize(HOST, 13, headers))
                .isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(13);
                    assertThat(e.limitName()).isEqualTo("maxResponseHeaderBytes");
                })
                .hasMessage(HOST + ": response headers larger than the limit of 13 bytes (raise maxResponseHeaderBytes "
                        + "on the builder)");
    }

    @Test
    void anythingThrownWhileReadingBecomesTheSdksException() {
        ResponseTooLargeException own = new ResponseTooLargeException(HOST, 5, null);
        assertThat(ResponseChecks.readFailure(HOST, 5, own)).isSameAs(own);
        assertThat(ResponseChecks.readFailure(HOST, 5, new OutOfMemoryError("Java heap space")))
                .isInstanceOf(ResponseTooLargeException.class)
                .hasMessage(HOST + ": response does not fit in the memory left (the limit is 5 bytes: lower "
                        + "maxResponseBytes on the builder or give the JVM more heap)");
        assertThat(ResponseChecks.readFailure(HOST, 5, new NumberFormatException("For input string: \"x\"")))
                .isInstanceOfSatisfying(ArangoConnectionException.class, e -> assertThat(e.requestSent()).isTrue())
                .hasMessage(HOST + ": could not read the response: for input string: \"x\"");
    }

    // ---- the response and the options -------------------------------------------------------------

    @Test
    void aResponseTakesAnArrayItIsHandedWithoutCopying() {
        byte[] array = "hello, world".getBytes(StandardCharsets.US_ASCII);

        TransportResponse response = new TransportResponse(200, Headers.empty(), array, 5);

        assertThat(response.bodyAsString()).isEqualTo("hello");
        assertThat(response.body()).containsExactly('h', 'e', 'l', 'l', 'o');
        assertThat(response.bodyLength()).isEqualTo(5);
        assertThat(new TransportResponse(204, Headers.empty(), null, 0).bodyLength()).isZero();
        assertThatThrownBy(() -> new TransportResponse(200, Headers.empty(), array, 13))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("length 13 is out of range; use 0 to 12");
    }

    @Test
    void toBuilderKeepsEveryValueAndChangesOnlyWhatIsSet() {
        TransportOptions options = TransportOptions.builder().protocol(io.aioarango.api.HttpProtocol.H2)
                .connectTimeout(java.time.Duration.ofSeconds(1)).requestTimeout(java.time.Duration.ofSeconds(2))
                .idleTimeout(java.time.Duration.ofSeconds(3)).maxConnectionsPerHost(4).maxPendingRequestsPerHost(5)
                .maxResponseBytes(6).maxResponseHeaderBytes(1024).http2WindowBytes(70_000)
                .http2PingInterval(java.time.Duration.ofSeconds(8)).build();

        assertThat(options.toBuilder().build()).hasToString(options.toString());
        assertThat(options.toBuilder().maxConnectionsPerHost(9).build())
                .hasToString(options.toString().replace("maxConnectionsPerHost=4", "maxConnectionsPerHost=9"));
    }

    @Test
    void theHeaderLimitHasADefaultAndARange() {
        assertThat(TransportOptions.defaults().maxResponseHeaderBytes()).isEqualTo(65536)
                .isEqualTo(TransportOptions.DEFAULT_MAX_RESPONSE_HEADER_BYTES);
        assertThat(TransportOptions.builder().maxResponseHeaderBytes(1024).build().maxResponseHeaderBytes()).isEqualTo(1024);
        assertThat(TransportOptions.builder().maxResponseHeaderBytes(1 << 20).build().toString())
                .contains("maxResponseHeaderBytes=1048576");
        for (int bad : new int[] {0, -1, 1023, (1 << 20) + 1, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> TransportOptions.builder().maxResponseHeaderBytes(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxResponseHeaderBytes " + bad + " is out of range; use 1024 to 1048576");
        }
    }
}
