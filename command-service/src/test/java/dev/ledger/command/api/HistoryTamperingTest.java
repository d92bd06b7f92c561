package dev.ledger.command.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin check of the live event store names the fault when stored rows are changed behind the ledger's back
 * with SQL: a changed payload byte, a deleted event, two events' payloads or sequences swapped, a tree head that
 * differs from its leaves.
 */
class HistoryTamperingTest extends IntegrationTestBase {

    @Test
    void anUntouchedDebateChecksValid() {
        String debateId = debateOfFourEvents();
        JsonNode result = check(debateId);
        assertThat(result.get("valid").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("treeSize").asLong()).isEqualTo(4);
    }

    @Test
    void oneChangedPayloadByteIsNamedWithItsEvent() {
        String debateId = debateOfFourEvents();
        jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'Tabs or spaces?', 'Tabs or spacez?'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 0", debateId);

        JsonNode result = check(debateId);
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("sequence").asLong()).isEqualTo(1);
        assertThat(result.get("eventId").asString()).isEqualTo(eventId(debateId, 0));
        assertThat(result.get("message").asString()).contains("event 1").contains("leaf hash");
    }

    @Test
    void aDeletedEventIsNamedAsMissing() {
        String debateId = debateOfFourEvents();
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1", debateId);

        JsonNode result = check(debateId);
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("sequence").asLong()).isEqualTo(2);
        assertThat(result.get("message").asString()).contains("sequence 2 is missing");
    }

    @Test
    void twoSwappedPayloadsAreNamedAtTheFirstOfThem() {
        String debateId = debateOfFourEvents();
        String second = eventId(debateId, 1);
        jdbc.update("UPDATE domain_event_entry e SET payload = o.payload FROM domain_event_entry o"
                + " WHERE e.aggregate_identifier = ? AND o.aggregate_identifier = e.aggregate_identifier"
                + " AND e.sequence_number IN (1, 2) AND o.sequence_number = 3 - e.sequence_number", debateId);

        JsonNode result = check(debateId);
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("sequence").asLong()).isEqualTo(2);
        assertThat(result.get("eventId").asString()).isEqualTo(second);
    }

    @Test
    void twoSwappedSequencesAreNamedAtTheFirstOfThem() {
        String debateId = debateOfFourEvents();
        String third = eventId(debateId, 2);
        jdbc.update("UPDATE domain_event_entry SET sequence_number = -1 WHERE aggregate_identifier = ? AND sequence_number = 1", debateId);
        jdbc.update("UPDATE domain_event_entry SET sequence_number = 1 WHERE aggregate_identifier = ? AND sequence_number = 2", debateId);
        jdbc.update("UPDATE domain_event_entry SET sequence_number = 2 WHERE aggregate_identifier = ? AND sequence_number = -1", debateId);

        JsonNode result = check(debateId);
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("sequence").asLong()).isEqualTo(2);
        assertThat(result.get("eventId").asString()).isEqualTo(third);
    }

    @Test
    void aTreeHeadThatDiffersFromItsLeavesIsReported() {
        String debateId = debateOfFourEvents();
        jdbc.update("UPDATE debate_tree_head SET root_hash = decode(repeat('ab', 32), 'hex') WHERE debate_id = ?", debateId);

        JsonNode result = check(debateId);
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("message").asString()).contains("abab");
    }

    @Test
    void withoutADebateIdEveryDebateIsCheckedPageByPageAndTheAdminCheckIsForAdminsOnly() {
        String valid = debateOfFourEvents();
        String tampered = debateOfFourEvents();
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 3", tampered);

        java.util.Map<String, Boolean> outcomes = new java.util.HashMap<>();
        String after = "";
        for (int page = 0; page < 1000 && after != null; page++) {
            Response response = send("POST", "/admin/history/verify?limit=7" + (after.isEmpty() ? "" : "&after=" + after), null,
                    "Authorization", "Bearer " + SERVICE_TOKEN);
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            assertThat(response.body().get("debates").size()).isLessThanOrEqualTo(7);
            response.body().get("debates").forEach(debate ->
                    outcomes.put(debate.get("debateId").asString(), debate.get("valid").asBoolean()));
            after = response.body().get("next").isNull() ? null : response.body().get("next").asString();
        }
        assertThat(outcomes).containsEntry(valid, true).containsEntry(tampered, false);

        assertThat(post("/admin/history/verify?debateId=" + valid, null).status()).isEqualTo(401);
        assertThat(send("POST", "/admin/history/verify?debateId=" + valid, null, "Authorization", "Bearer " + tokenOf("someone"))
                .status()).isEqualTo(403);
        assertThat(send("POST", "/admin/history/verify?debateId=" + java.util.UUID.randomUUID(), null,
                "Authorization", "Bearer " + SERVICE_TOKEN).status()).isEqualTo(404);
    }

    private String debateOfFourEvents() {
        String debateId = openDebate();
        join(debateId, "opener");
        join(debateId, "tam");
        stateClaim(debateId, "tam");
        return debateId;
    }

    private String eventId(String debateId, long axonSequence) {
        return jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = ?", String.class, debateId, axonSequence);
    }

    private JsonNode check(String debateId) {
        Response response = send("POST", "/admin/history/verify?debateId=" + debateId, null,
                "Authorization", "Bearer " + SERVICE_TOKEN);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("debates").get(0);
    }
}
