package dev.ledger.command.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command acts as its caller: naming no actor acts as the caller; naming anyone else (body's by or
 * participantId, the view path's participantId) is 403 naming that field, and nothing is written.
 */
class ActorIsTheCallerTest extends IntegrationTestBase {

    private String debateId;
    private String claimId;
    private String reasonId;

    @BeforeEach
    void debateOfAliceAndBob() {
        debateId = openDebate();
        join(debateId, "alice");
        join(debateId, "bob");
        claimId = stateClaim(debateId, "alice");
        reasonId = post("/debates/" + debateId + "/reasons",
                "{\"claimId\":\"" + claimId + "\",\"stance\":\"for\",\"text\":\"Tabs adapt\",\"by\":\"alice\"}").text("reasonId");
        JqwikSession.start();
    }

    @AfterEach
    void endSession() {
        JqwikSession.finish();
    }

    @Test
    void commandsThatNameNoActorActAsTheCaller() {
        String debate = "/debates/" + debateId;
        assertThat(as("carol", "POST", debate + "/participants", "{\"displayName\":\"Carol\"}").status()).isEqualTo(201);
        Response claim = as("carol", "POST", debate + "/claims", "{\"statement\":\"Spaces align\"}");
        assertThat(claim.status()).isEqualTo(201);
        assertThat(as("carol", "POST", debate + "/reasons/" + reasonId + "/acknowledgements", "{\"kind\":\"noted\"}").status())
                .isEqualTo(201);
        assertThat(as("carol", "PUT", debate + "/views/" + claimId, "{\"credence\":0.4}").status()).isEqualTo(200);
        assertThat(as("carol", "PUT", debate + "/participants/carol/views/" + claimId, "{\"credence\":0.5}").status()).isEqualTo(200);

        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number >= 5 ORDER BY sequence_number", String.class, debateId);
        assertThat(payloads).hasSize(5).allSatisfy(payload -> assertThat(payload).contains("\"carol\"").doesNotContain("\"alice\""));
    }

    @Test
    void namingSomeoneElseIs403NamingTheFieldAndWritesNothing() {
        String debate = "/debates/" + debateId;
        long before = eventCount(debateId);
        assertForbidden(as("bob", "POST", debate + "/claims", "{\"statement\":\"Alice says so\",\"by\":\"alice\"}"), "by");
        assertForbidden(as("bob", "POST", debate + "/reasons",
                "{\"claimId\":\"" + claimId + "\",\"stance\":\"against\",\"text\":\"No\",\"by\":\"alice\"}"), "by");
        assertForbidden(as("alice", "POST", debate + "/reasons/" + reasonId + "/acknowledgements",
                "{\"by\":\"bob\",\"kind\":\"conceded\"}"), "by");
        assertForbidden(as("bob", "PUT", debate + "/participants/alice/views/" + claimId, "{\"credence\":0.1}"), "participantId");
        assertForbidden(as("mallory", "POST", debate + "/participants", "{\"participantId\":\"dave\",\"displayName\":\"Dave\"}"),
                "participantId");
        assertThat(eventCount(debateId)).isEqualTo(before);
        assertThat(as("dave", "POST", debate + "/participants", "{\"displayName\":\"Dave\"}").status())
                .as("nobody took dave's place").isEqualTo(201);
    }

    @Test
    void anyForgedActorIsRefusedWithNothingWritten() {
        String debate = "/debates/" + debateId;
        Arbitrary<String> handles = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._-").ofMinLength(1).ofMaxLength(64)
                .filter(handle -> Character.isLetterOrDigit(handle.charAt(0)) && !handle.equals("bob"));
        Arbitrary<String[]> requests = Combinators.combine(handles, Arbitraries.integers().between(0, 4)).as((forged, kind) -> switch (kind) {
            case 0 -> new String[] {"POST", debate + "/claims", "{\"statement\":\"S\",\"by\":\"" + forged + "\"}", "by"};
            case 1 -> new String[] {"POST", debate + "/reasons", "{\"claimId\":\"" + claimId
                    + "\",\"stance\":\"for\",\"text\":\"T\",\"by\":\"" + forged + "\"}", "by"};
            case 2 -> new String[] {"POST", debate + "/reasons/" + reasonId + "/acknowledgements",
                    "{\"kind\":\"noted\",\"by\":\"" + forged + "\"}", "by"};
            case 3 -> new String[] {"PUT", debate + "/participants/" + forged + "/views/" + claimId, "{\"credence\":0.3}",
                    "participantId"};
            default -> new String[] {"POST", debate + "/participants", "{\"participantId\":\"" + forged
                    + "\",\"displayName\":\"X\"}", "participantId"};
        });
        long before = eventCount(debateId);
        requests.sampleStream().limit(60).forEach(request -> assertForbidden(send(request[0], request[1], request[2],
                "Authorization", "Bearer " + tokenOf("bob")), request[3]));
        assertThat(eventCount(debateId)).isEqualTo(before);
    }

    @Test
    void theOwnerWhoOpensInvitesAndChangesRolesIsTheCallerNeverABodyField() {
        String debate = "/debates/" + debateId;
        long before = eventCount(debateId);
        assertForbidden(as("bob", "POST", debate + "/invitations", "{\"handle\":\"carol\",\"role\":\"member\"}"), "invitedBy");
        assertForbidden(as("bob", "PUT", debate + "/participants/alice/role", "{\"role\":\"observer\"}"), "changedBy");
        assertUnknownField(as("bob", "POST", debate + "/invitations",
                "{\"handle\":\"carol\",\"role\":\"member\",\"invitedBy\":\"" + DEFAULT_ACTOR + "\"}"), "invitedBy");
        assertUnknownField(as("bob", "PUT", debate + "/participants/alice/role",
                "{\"role\":\"observer\",\"changedBy\":\"" + DEFAULT_ACTOR + "\"}"), "changedBy");
        assertThat(eventCount(debateId)).isEqualTo(before);
        long allEvents = eventCount();
        assertUnknownField(as("bob", "POST", "/debates", "{\"title\":\"Alice's\",\"openedBy\":\"alice\"}"), "openedBy");
        assertThat(eventCount()).isEqualTo(allEvents);

        assertThat(as(DEFAULT_ACTOR, "POST", debate + "/invitations", "{\"handle\":\"carol\",\"role\":\"member\"}").status()).isEqualTo(201);
        assertThat(as(DEFAULT_ACTOR, "PUT", debate + "/participants/alice/role", "{\"role\":\"observer\"}").status()).isEqualTo(200);
        String opened = as("bob", "POST", "/debates", "{\"title\":\"Bob's\"}").text("debateId");
        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier IN (?, ?) AND (sequence_number > ? OR aggregate_identifier = ?) ORDER BY aggregate_identifier = ?, "
                + "sequence_number", String.class, debateId, opened, before - 1, opened, opened);
        assertThat(payloads).hasSize(3);
        assertThat(payloads.get(0)).contains("\"invitedBy\":\"" + DEFAULT_ACTOR + "\"");
        assertThat(payloads.get(1)).contains("\"changedBy\":\"" + DEFAULT_ACTOR + "\"");
        assertThat(payloads.get(2)).contains("\"openedBy\":\"bob\"", "\"visibility\":\"private\"");
    }

    private static void assertUnknownField(Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static void assertForbidden(Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:ledger:problem:forbidden");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
