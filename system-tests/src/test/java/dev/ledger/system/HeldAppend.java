package dev.ledger.system;

import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An append as the command-service writes it, done with plain JDBC so a test can hold its transaction open: a valid
 * ParticipantJoined row for a real debate at a chosen sequence (copied from the debate's first event).
 */
final class HeldAppend {

    private static final DateTimeFormatter AXON_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    record EventRow(String type, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    private HeldAppend() {
    }

    static EventRow participantJoinedRow(Connection connection, String debate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT type, payload_type, payload_revision, payload, meta_data "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1")) {
            select.setString(1, debate);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("the ParticipantJoined row of %s", debate).isTrue();
                assertThat(row.getString("payload_type")).endsWith("ParticipantJoined");
                return new EventRow(row.getString(1), row.getString(2), row.getString(3), row.getBytes(4), row.getBytes(5));
            }
        }
    }

    static EventRow withParticipant(EventRow template, String debate, String participant) {
        ObjectNode payload = (ObjectNode) JsonHttp.JSON.readTree(new String(template.payload(), StandardCharsets.UTF_8));
        assertThat(payload.path("debateId").asString()).isEqualTo(debate);
        payload.put("participantId", participant);
        payload.put("displayName", "Inserted " + participant);
        return new EventRow(template.type(), template.payloadType(), template.payloadRevision(),
                JsonHttp.JSON.writeValueAsBytes(payload), template.metaData());
    }

    static void insert(Connection connection, String debate, long axonSequence, String eventId, EventRow row, Instant at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (aggregate_identifier, "
                + "sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, debate);
            insert.setLong(2, axonSequence);
            insert.setString(3, row.type());
            insert.setString(4, eventId);
            insert.setBytes(5, row.metaData());
            insert.setBytes(6, row.payload());
            insert.setString(7, row.payloadRevision());
            insert.setString(8, row.payloadType());
            insert.setString(9, AXON_TIMESTAMP.format(at));
            insert.executeUpdate();
        }
    }
}
