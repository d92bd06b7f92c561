package dev.ledger.events;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the payload of an older version of an event into the current shape, one version step at a time,
 * on the JSON tree before it is bound to a record. Both readers use it: the query-service on every record
 * from Kafka (through {@link EventCodec}) and the command-service when Axon loads stored events.
 *
 * <p>The steps so far:
 * <ul>
 *   <li>ViewUpdated 1 -> 2: {@code becauseOf} became required. Version 1 readers treated a missing list
 *   as "no reasons"; the step writes that meaning down as {@code []}, so version 2 can refuse a record
 *   without it instead of guessing.</li>
 *   <li>DebateOpened 1 -> 2: {@code openedBy} and {@code visibility} were added. Debates opened before accounts
 *   existed were readable by anyone and have no owner: {@code "openedBy":null, "visibility":"public"}.</li>
 *   <li>ParticipantJoined 1 -> 2: {@code role} was added; everyone who joined before roles existed could do what a
 *   member does: {@code "role":"member"}.</li>
 * </ul>
 */
public final class PayloadUpcaster {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private PayloadUpcaster() {
    }

    /**
     * The payload in the current shape of its type; the node passed in is not changed (a payload already in the
     * current version is returned as it is, not copied: decoding every record must not pay for a copy).
     */
    public static ObjectNode toCurrent(EventType type, int version, ObjectNode payload) {
        if (version >= type.currentVersion()) {
            return payload;
        }
        ObjectNode node = payload.deepCopy();
        for (int from = version; from < type.currentVersion(); from++) {
            step(type, from, node);
        }
        return node;
    }

    /** The same for a payload held as JSON text, as Axon's event store keeps it. */
    public static String toCurrent(EventType type, int version, String payloadJson) {
        if (version >= type.currentVersion()) {
            return payloadJson;
        }
        JsonNode tree = MAPPER.readTree(payloadJson);
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException(type.wireName() + " payload must be a JSON object");
        }
        return MAPPER.writeValueAsString(toCurrent(type, version, object));
    }

    private static void step(EventType type, int from, ObjectNode node) {
        if (type == EventType.VIEW_UPDATED && from == 1) {
            JsonNode because = node.get("becauseOf");
            if (because == null || because.isNull()) {
                node.putArray("becauseOf");
            }
        } else if (type == EventType.DEBATE_OPENED && from == 1) {
            node.putNull("openedBy");
            node.put("visibility", Visibility.PUBLIC.wireName());
        } else if (type == EventType.PARTICIPANT_JOINED && from == 1) {
            node.put("role", Role.MEMBER.wireName());
        }
    }
}
