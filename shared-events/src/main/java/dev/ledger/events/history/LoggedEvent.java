package dev.ledger.events.history;

import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * One event of a debate's log exactly as it was first written: the type, version and payload stored at write time
 * (never upcast), and {@code occurredAt} as the stored ISO-8601 UTC string (what {@code Instant.toString()} gives).
 * Its canonical bytes, the RFC 8785 form of {@code {eventId, type, version, debateId, sequence, occurredAt, payload}},
 * are what the Merkle tree hashes and what an export's {@code events.jsonl} line holds.
 */
public record LoggedEvent(
        String eventId, String type, int version, String debateId, long sequence, String occurredAt, JsonNode payload) {

    private static final Set<String> FIELDS =
            Set.of("eventId", "type", "version", "debateId", "sequence", "occurredAt", "payload");

    public LoggedEvent {
        checkEnvelope(eventId, type, version, debateId, sequence, occurredAt);
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
        payload = payload.deepCopy();
    }

    /** From the stored columns, the payload as the stored JSON text. */
    public static LoggedEvent of(String eventId, String type, int version, String debateId, long sequence,
                                 String occurredAt, String payloadJson) {
        return new LoggedEvent(eventId, type, version, debateId, sequence, occurredAt, CanonicalJson.parse(payloadJson));
    }

    /**
     * Reads one envelope (an {@code events.jsonl} line without its newline): exactly the seven fields with their
     * types, nothing else; a {@link HistoryFormatException} naming what is wrong otherwise. Whether the bytes were
     * canonical is the caller's question ({@link #canonicalBytes()} compared with the line).
     */
    public static LoggedEvent parse(byte[] envelope) {
        JsonNode root = CanonicalJson.parse(new String(envelope, StandardCharsets.UTF_8));
        if (!root.isObject()) {
            throw new HistoryFormatException("the envelope is not a JSON object");
        }
        for (Iterator<String> names = root.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new HistoryFormatException("unexpected field \"" + name + "\" in the envelope");
            }
        }
        try {
            return new LoggedEvent(
                    requiredText(root, "eventId"), requiredText(root, "type"), (int) requiredWhole(root, "version"),
                    requiredText(root, "debateId"), requiredWhole(root, "sequence"), requiredText(root, "occurredAt"),
                    required(root, "payload"));
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(e.getMessage(), e);
        }
    }

    /** The RFC 8785 bytes of the envelope: the bytes a leaf hashes and an export line holds. */
    public byte[] canonicalBytes() {
        return canonicalEnvelope(eventId, type, version, debateId, sequence, occurredAt,
                CanonicalJson.mapper().writeValueAsString(payload));
    }

    /** SHA-256(0x00 || canonical bytes), the RFC 9162 leaf hash. */
    public byte[] leafHash() {
        return MerkleTree.leafHash(canonicalBytes());
    }

    /**
     * The leaf hash of an event given by its stored columns, the payload as the stored JSON object's text: the hash
     * {@code of(...).leafHash()} gives, from one canonicalization of the envelope's text instead of a parse, a copy
     * and two writes of the payload (every append hashes each event it stores).
     */
    public static byte[] leafHashOfStored(String eventId, String type, int version, String debateId, long sequence,
                                          String occurredAt, String payloadJson) {
        checkEnvelope(eventId, type, version, debateId, sequence, occurredAt);
        if (payloadJson == null || !payloadJson.stripLeading().startsWith("{")) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
        return MerkleTree.leafHash(canonicalEnvelope(eventId, type, version, debateId, sequence, occurredAt, payloadJson));
    }

    /** RFC 8785 orders the members; any valid JSON text of the envelope canonicalizes to the same bytes. */
    private static byte[] canonicalEnvelope(String eventId, String type, int version, String debateId, long sequence,
                                            String occurredAt, String payloadJson) {
        StringBuilder text = new StringBuilder(payloadJson.length() + 200).append('{');
        stringMember(text, "eventId", eventId);
        stringMember(text, "type", type);
        stringMember(text, "debateId", debateId);
        stringMember(text, "occurredAt", occurredAt);
        text.append("\"version\":").append(version)
                .append(",\"sequence\":").append(sequence)
                .append(",\"payload\":").append(payloadJson).append('}');
        return CanonicalJson.canonicalBytes(text.toString());
    }

    private static void stringMember(StringBuilder text, String name, String value) {
        text.append('"').append(name).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, text);
        text.append("\",");
    }

    private static void checkEnvelope(String eventId, String type, int version, String debateId, long sequence,
                                      String occurredAt) {
        text(eventId, "eventId");
        text(type, "type");
        text(debateId, "debateId");
        text(occurredAt, "occurredAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be 1 or more, was " + sequence);
        }
    }

    /** True when these bytes are exactly this event's canonical form. */
    public boolean isCanonicalForm(byte[] bytes) {
        return Arrays.equals(canonicalBytes(), bytes);
    }

    private static void text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null) {
            throw new HistoryFormatException("field \"" + field + "\" is missing");
        }
        return value;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = required(root, field);
        if (!value.isString()) {
            throw new HistoryFormatException("field \"" + field + "\" must be a string");
        }
        return value.asString();
    }

    private static long requiredWhole(JsonNode root, String field) {
        JsonNode value = required(root, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new HistoryFormatException("field \"" + field + "\" must be a whole number");
        }
        long whole = value.longValue();
        if ("version".equals(field) && whole > Integer.MAX_VALUE) {
            throw new HistoryFormatException("field \"version\" is too large");
        }
        return whole;
    }
}
