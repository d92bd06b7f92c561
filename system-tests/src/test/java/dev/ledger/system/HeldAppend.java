package dev.ledger.system;

import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

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

    /** The held event's id and when its transaction committed ({@link System#nanoTime()}). */
    record Held(String eventId, long committedAtNanos) {
    }

    private HeldAppend() {
    }

    /**
     * The fault of scenarios 6 and 10, with the command-service on LEDGER_GAP_TIMEOUT_MS=2000: {@code participant}
     * joins {@code held} as its 4th event in a transaction kept open while {@code neighbour} gets a committed 4th
     * event time-stamped older than the gap timeout and {@code others} takes commands for 3.5 s, then commits. The
     * publisher gives the held index up for good and never publishes the event. Both events are recorded as accepted.
     */
    static Held pastTheGapTimeout(RunningLedger ledger, CommandLoad load, CommandLoad.Debate held, String participant,
                                  CommandLoad.Debate neighbour, CommandLoad.Debate others, ScenarioTally tally)
            throws SQLException, InterruptedException {
        String heldEventId = UUID.randomUUID().toString();
        long committedAt;
        try (Connection holding = ledger.commandDatabase(); Connection autoCommit = ledger.commandDatabase()) {
            EventRow joined = participantJoinedRow(holding, held.id());
            holding.setAutoCommit(false);
            insert(holding, held.id(), 3, heldEventId, withParticipant(joined, held.id(), participant), Instant.now());
            tally.fault();
            // The next global index, committed at once, with a time stamp older than the gap timeout (2 s) but younger
            // than the default (60 s): the publisher reads it as a publisher lagging a few seconds behind would, and
            // with LEDGER_GAP_TIMEOUT_MS=2000 gives up the held index for good (Axon keeps a gap only while the events
            // after it are younger than the gap timeout). Without the lag a held transaction is picked up when it commits.
            insert(autoCommit, neighbour.id(), 3, UUID.randomUUID().toString(),
                    withParticipant(participantJoinedRow(autoCommit, neighbour.id()), neighbour.id(), "late-reader"),
                    Instant.now().minusSeconds(10));
            // Commands on another debate are stored and published while the transaction stays open (> 2 s).
            long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
            load.start(List.of(others), 100_000, Duration.ofMillis(50), () -> System.nanoTime() < until).join();
            holding.commit();
            committedAt = System.nanoTime();
        }
        load.accepted.add(new Accepted(held.id(), 4, "ParticipantJoined", participant));
        load.accepted.add(new Accepted(neighbour.id(), 4, "ParticipantJoined", "late-reader"));
        return new Held(heldEventId, committedAt);
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
