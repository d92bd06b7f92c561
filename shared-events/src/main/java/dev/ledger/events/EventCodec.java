package dev.ledger.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON form of events and envelopes, shared by the writer (command-service) and the reader
 * (query-service) so both sides agree on every byte. Instants are ISO-8601 strings; unknown payload
 * fields are ignored (a tolerant reader), older versions are upcast to the current shape (the envelope
 * read back carries the current version), while unknown types and newer versions are refused with a
 * reason the consumer can act on.
 */
public final class EventCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String toJson(EventEnvelope envelope) {
        ObjectNode node = mapper.createObjectNode();
        node.put("eventId", envelope.eventId());
        node.put("type", envelope.type());
        node.put("version", envelope.version());
        node.put("debateId", envelope.debateId());
        node.put("sequence", envelope.sequence());
        node.put("occurredAt", envelope.occurredAt().toString());
        node.set("payload", mapper.valueToTree(envelope.payload()));
        return mapper.writeValueAsString(node);
    }

    public byte[] toJsonBytes(EventEnvelope envelope) {
        return toJson(envelope).getBytes(StandardCharsets.UTF_8);
    }

    public EventEnvelope fromJson(byte[] json) {
        return fromJson(new String(json, StandardCharsets.UTF_8));
    }

    public EventEnvelope fromJson(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new UnreadableEventException(UnreadableEventException.Reason.MALFORMED, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw malformed("the record is not a JSON object");
        }
        String typeName = requiredText(root, "type");
        EventType type = EventType.named(typeName).orElseThrow(() -> new UnreadableEventException(
                UnreadableEventException.Reason.UNKNOWN_TYPE, "unknown event type \"" + typeName + "\"", null));
        int version = requiredInt(root, "version");
        if (version > type.currentVersion()) {
            throw new UnreadableEventException(UnreadableEventException.Reason.NEWER_VERSION,
                    typeName + " version " + version + " is newer than the " + type.currentVersion()
                            + " this reader knows; upgrade the reader", null);
        }
        if (version < 1) {
            throw malformed("version must be 1 or more, was " + version);
        }
        JsonNode payloadNode = root.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            throw malformed("payload must be a JSON object");
        }
        try {
            ObjectNode current = PayloadUpcaster.toCurrent(type, version, (ObjectNode) payloadNode);
            DebateEvent payload = mapper.treeToValue(current, type.payloadClass());
            return new EventEnvelope(
                    requiredText(root, "eventId"),
                    typeName,
                    type.currentVersion(),
                    requiredText(root, "debateId"),
                    requiredLong(root, "sequence"),
                    Instant.parse(requiredText(root, "occurredAt")),
                    payload);
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new UnreadableEventException(UnreadableEventException.Reason.INVALID_PAYLOAD,
                    typeName + " breaks the event contract: " + rootMessage(e), e);
        }
    }

    /**
     * The envelope fields of a record, when they are there and well formed, whatever its payload; empty
     * for a record that is not an envelope at all.
     */
    public java.util.Optional<EnvelopeHeader> readHeader(String json) {
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isObject()) {
                return java.util.Optional.empty();
            }
            long sequence = requiredLong(root, "sequence");
            if (sequence < 1) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new EnvelopeHeader(requiredText(root, "eventId"), requiredText(root, "type"),
                    requiredInt(root, "version"), requiredText(root, "debateId"), sequence));
        } catch (JacksonException | UnreadableEventException e) {
            return java.util.Optional.empty();
        }
    }

    /** The payload alone, as the command-side event store writes it. */
    public String payloadToJson(DebateEvent event) {
        return mapper.writeValueAsString(event);
    }

    public <E extends DebateEvent> E payloadFromJson(String json, Class<E> payloadClass) {
        return mapper.readValue(json, payloadClass);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw malformed("field \"" + field + "\" must be a non-empty string");
        }
        return value.asString();
    }

    private static int requiredInt(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isInt()) {
            throw malformed("field \"" + field + "\" must be a whole number");
        }
        return value.intValue();
    }

    private static long requiredLong(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw malformed("field \"" + field + "\" must be a whole number");
        }
        return value.longValue();
    }

    private static UnreadableEventException malformed(String message) {
        return new UnreadableEventException(UnreadableEventException.Reason.MALFORMED, message, null);
    }
}
