package io.aioarango.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aioarango.transport.spi.TransportResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The SDK's one Jackson {@link ObjectMapper}, configured explicitly (no module discovery, so nothing on
 * the user's class path changes how the SDK reads JSON), and the small helpers readers use to take
 * fields out of a response. Each helper names the field it missed.
 */
public final class Json {
    /** The envelope fields every ArangoDB answer carries; they are not part of any result's extras. */
    private static final Set<String> ENVELOPE = Set.of("error", "code");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // An answer is one document: bytes after it mean the body is not what the server meant to send.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** Reads the body as one JSON object. */
    public static JsonNode readObject(TransportResponse response) {
        JsonNode node = read(response);
        if (!node.isObject()) {
            throw new ResponseFormatException("expected a JSON object, got " + node.getNodeType());
        }
        return node;
    }

    /** Reads the body as JSON of any kind. */
    public static JsonNode read(TransportResponse response) {
        if (response.bodyLength() == 0) {
            throw new ResponseFormatException("the body is empty");
        }
        try {
            // The response's own bytes, parsed in place: no stream around them, no copy into a parser buffer.
            JsonNode node = MAPPER.readTree(response.bodyArray(), 0, response.bodyLength());
            if (node == null || node.isMissingNode()) {
                throw new ResponseFormatException("the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw new ResponseFormatException("the body is not JSON", e);
        }
    }

    /**
     * One string field of an answer that is a JSON object, read as a stream: no tree for the answers that
     * carry one field of interest ({@code serverId()} and the like). Anything but a plain object with that
     * field once, as a string, is read again as a tree, so its error is the one {@link #text} gives.
     */
    public static String textField(TransportResponse response, String field) {
        if (response.bodyLength() > 0) {
            try (JsonParser parser = MAPPER.getFactory()
                    .createParser(response.bodyArray(), 0, response.bodyLength())) {
                String found = null;
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_OBJECT) {
                    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                        boolean wanted = field.equals(parser.currentName());
                        JsonToken value = parser.nextToken();
                        if (!wanted) {
                            parser.skipChildren();
                        } else if (value == JsonToken.VALUE_STRING && found == null) {
                            found = parser.getText();
                        } else {
                            break;
                        }
                    }
                    if (token == JsonToken.END_OBJECT && found != null && parser.nextToken() == null) {
                        return found;
                    }
                }
            } catch (IOException e) {
                // Not JSON, or cut short: the tree below reads it again and names the problem.
            }
        }
        return text(readObject(response), field);
    }

    public static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw missing(field, "a string", value);
        }
        return value.textValue();
    }

    public static String optionalText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : text(object, field);
    }

    public static JsonNode object(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isObject()) {
            throw missing(field, "an object", value);
        }
        return value;
    }

    public static JsonNode optionalObject(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : object(object, field);
    }

    public static JsonNode array(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isArray()) {
            throw missing(field, "an array", value);
        }
        return value;
    }

    public static Boolean optionalBoolean(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw missing(field, "a boolean", value);
        }
        return value.booleanValue();
    }

    public static Double optionalDouble(JsonNode object, String field) {
        JsonNode value = number(object, field);
        return value == null ? null : finite(field, value);
    }

    public static Long optionalLong(JsonNode object, String field) {
        JsonNode value = number(object, field);
        return value == null ? null : whole(field, value, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static Integer optionalInt(JsonNode object, String field) {
        JsonNode value = number(object, field);
        return value == null ? null : (int) whole(field, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static JsonNode number(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw missing(field, "a number", value);
        }
        return value;
    }

    /** The number as a double, refusing one too large for a double (parsed as infinity). */
    private static double finite(String field, JsonNode number) {
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            throw new ResponseFormatException("field '" + field + "' should be a finite number, but found "
                    + number.asText());
        }
        return value;
    }

    /** The number if it is whole and within [min, max]; never rounded or wrapped into range. */
    private static long whole(String field, JsonNode number, long min, long max) {
        BigDecimal exact = exact(field, number);
        String expected = "an integer from " + min + " to " + max;
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw new ResponseFormatException("field '" + field + "' should be " + expected + ", but found "
                    + number.asText());
        }
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ResponseFormatException("field '" + field + "' should be " + expected + ", but found "
                    + number.asText() + ", which is out of range");
        }
        return exact.longValueExact();
    }

    /** The number's exact decimal value (a double's shortest decimal form, e.g. 1795000000.125). */
    private static BigDecimal exact(String field, JsonNode number) {
        if (number.isIntegralNumber()) {
            return new BigDecimal(number.bigIntegerValue());
        }
        if (number.isBigDecimal()) {
            return number.decimalValue();
        }
        return BigDecimal.valueOf(finite(field, number));
    }

    /** Seconds as an exact number of nanoseconds, refusing values outside what {@link Instant} can hold. */
    private static BigDecimal nanos(String field, JsonNode number) {
        BigDecimal seconds = exact(field, number);
        if (seconds.compareTo(BigDecimal.valueOf(Instant.MIN.getEpochSecond())) < 0
                || seconds.compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0) {
            throw new ResponseFormatException("field '" + field + "' should be seconds from "
                    + Instant.MIN.getEpochSecond() + " to " + Instant.MAX.getEpochSecond() + ", but found "
                    + number.asText());
        }
        return seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP);
    }

    /** An ISO-8601 instant such as {@code 2019-02-20T08:09:22Z}, or {@code null} when absent. */
    public static Instant optionalInstant(JsonNode object, String field) {
        String text = optionalText(object, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ResponseFormatException("field '" + field + "' is not an ISO-8601 time: '" + text + "'", e);
        }
    }

    /** Seconds as a JSON number, e.g. {@code 0.312}, or {@code null} when absent. */
    public static Duration optionalSeconds(JsonNode object, String field) {
        JsonNode value = number(object, field);
        if (value == null) {
            return null;
        }
        BigDecimal[] split = nanos(field, value).divideAndRemainder(BigDecimal.valueOf(NANOS_PER_SECOND));
        return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
    }

    /** Seconds since the epoch as a JSON number, or {@code null} when absent. */
    public static Instant optionalEpochSeconds(JsonNode object, String field) {
        JsonNode value = number(object, field);
        if (value == null) {
            return null;
        }
        BigDecimal[] split = nanos(field, value).divideAndRemainder(BigDecimal.valueOf(NANOS_PER_SECOND));
        try {
            return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValueExact());
        } catch (java.time.DateTimeException e) {
            throw new ResponseFormatException("field '" + field + "' is out of the range of a time: "
                    + value.asText(), e);
        }
    }

    public static <T> List<T> list(JsonNode object, String field, Function<JsonNode, T> element) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw missing(field, "an array", value);
        }
        List<T> list = new ArrayList<>(value.size());
        value.forEach(item -> list.add(element.apply(item)));
        return list;
    }

    public static List<String> texts(JsonNode object, String field) {
        return list(object, field, item -> {
            if (!item.isTextual()) {
                throw missing(field, "an array of strings", item);
            }
            return item.textValue();
        });
    }

    public static List<Double> doubles(JsonNode object, String field) {
        return list(object, field, item -> finite(field, numberItem(field, item)));
    }

    public static List<Long> longs(JsonNode object, String field) {
        return list(object, field, item -> whole(field, numberItem(field, item), Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static JsonNode numberItem(String field, JsonNode item) {
        if (!item.isNumber()) {
            throw missing(field, "an array of numbers", item);
        }
        return item;
    }

    /** The object as plain Java maps, lists, strings, numbers and booleans; empty when absent. */
    public static Map<String, Object> toMap(JsonNode object) {
        return object == null || object.isNull() ? Map.of() : MAPPER.convertValue(object, MAP);
    }

    /** Every field of {@code object} except the {@code modelled} ones and the envelope, as plain Java values. */
    public static Map<String, Object> extra(JsonNode object, String... modelled) {
        Set<String> skip = Set.of(modelled);
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!skip.contains(field.getKey()) && !ENVELOPE.contains(field.getKey())) {
                extra.put(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class));
            }
        }
        return extra;
    }

    private static ResponseFormatException missing(String field, String expected, JsonNode actual) {
        String found = actual == null ? "it is missing" : "found " + actual.getNodeType().toString().toLowerCase();
        return new ResponseFormatException("field '" + field + "' should be " + expected + ", but " + found);
    }
}
