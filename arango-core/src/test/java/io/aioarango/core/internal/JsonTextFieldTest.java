package io.aioarango.core.internal;

import io.aioarango.transport.spi.TransportResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aioarango.api.Headers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streamed read of one string field answers exactly as the tree read does, errors included. */
class JsonTextFieldTest {

    private static TransportResponse answer(String body) {
        return TransportResponse.of(200, Headers.empty(), body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":false,\"code\":200,\"id\":\"CRDN-1\"}",
            "{\"id\":\"CRDN-1\"}",
            "{\"other\":{\"id\":\"nested\",\"list\":[1,{\"id\":2}]},\"id\":\"CRDN-1\",\"after\":[]}",
            " {\"id\" : \"CRDN-1\"}\n",
            "{\"id\":\"first\",\"id\":\"CRDN-1\"}"})
    void readsTheFieldAsTheTreeDoes(String body) {
        assertThat(Json.textField(answer(body), "id"))
                .isEqualTo(Json.text(Json.readObject(answer(body)), "id"))
                .isEqualTo("CRDN-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":false,\"code\":200}",
            "{\"id\":42}",
            "{\"id\":null}",
            "{\"id\":{\"id\":\"CRDN-1\"}}",
            "{\"id\":\"CRDN-1\"} trailing",
            "{\"id\":\"CRDN-1\"",
            "[\"CRDN-1\"]",
            "\"CRDN-1\"",
            "not json",
            ""})
    void failsAsTheTreeDoes(String body) {
        Throwable fromTree = org.assertj.core.api.Assertions.catchThrowable(
                () -> Json.text(Json.readObject(answer(body)), "id"));
        assertThat(fromTree).isInstanceOf(ResponseFormatException.class);
        assertThatThrownBy(() -> Json.textField(answer(body), "id"))
                .isInstanceOf(ResponseFormatException.class)
                .hasMessage(fromTree.getMessage());
    }
}
