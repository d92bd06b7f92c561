package dev.ledger.events.history;

import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes of a JSON object or array: UTF-8, object members sorted by their names'
 * UTF-16 code units, no whitespace, numbers in ECMAScript form (so every number is an IEEE double: integers beyond
 * 2^53 lose precision, as I-JSON says), strings with the JCS escapes. Duplicate member names are refused.
 */
public final class CanonicalJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // NaN and infinities are not JSON: written bare they make the canonicalizer refuse them, as RFC 8785 says.
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private CanonicalJson() {
    }

    public static byte[] canonicalBytes(JsonNode value) {
        return canonicalBytes(MAPPER.writeValueAsString(value));
    }

    /** The canonical bytes of a JSON text; a {@link HistoryFormatException} if it is not JSON JCS can represent. */
    public static byte[] canonicalBytes(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new HistoryFormatException("not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] canonicalBytes(byte[] utf8Json) {
        return canonicalBytes(new String(utf8Json, StandardCharsets.UTF_8));
    }

    /** Parses JSON strictly (duplicate member names refused). */
    public static JsonNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new HistoryFormatException("empty JSON text");
            }
            return node;
        } catch (JacksonException e) {
            throw new HistoryFormatException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonMapper mapper() {
        return MAPPER;
    }
}
