package dev.ledger.command.api;

import dev.ledger.events.EventType;
import dev.ledger.events.history.Checkpoint;
import dev.ledger.events.history.LoggedEvent;
import dev.ledger.events.history.MerkleTree;
import dev.ledger.events.history.SignedNote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each debate's Merkle tree is kept in the transaction of its events: the stored head always equals a recomputation
 * from the stored rows (by this test's own reading of them, with the shared-events library), a failed command leaves
 * the tree as it was, the checkpoint is signed by the configured key, proofs verify, and reading them follows the
 * debate's read permission.
 */
class VerifiableHistoryTest extends IntegrationTestBase {

    private static final HexFormat HEX = HexFormat.of();

    @AfterEach
    void dropTrigger() {
        jdbc.execute("DROP TRIGGER IF EXISTS refuse_history_event ON domain_event_entry");
        jdbc.execute("DROP FUNCTION IF EXISTS refuse_history_event()");
    }

    @Test
    void theTreeHeadAfterCommandsEqualsARecomputationFromTheStoredRowsAndTheCheckpointIsSignedWithTheLedgersKey() {
        String debateId = openDebate();
        join(debateId, "opener");
        join(debateId, "hal");
        stateClaim(debateId, "hal");

        assertThat(storedHead(debateId)).isEqualTo(new Head(4, HEX.formatHex(recomputedRoot(debateId, 4))));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM debate_tree_leaf WHERE debate_id = ?", Long.class, debateId))
                .isEqualTo(4);

        Response checkpoint = anonymous("GET", "/debates/" + debateId + "/checkpoint", null);
        assertThat(checkpoint.status()).as(checkpoint.raw()).isEqualTo(200);
        assertThat(checkpoint.contentType()).startsWith("text/plain");
        SignedNote note = SignedNote.parse(checkpoint.raw());
        assertThat(note.isSignedBy(SIGNING_KEY.verifierKey())).isTrue();
        Checkpoint signed = Checkpoint.of(note);
        assertThat(signed.origin()).isEqualTo("ledger.local/debates/" + debateId);
        assertThat(signed.size()).isEqualTo(4);
        assertThat(signed.rootHash()).isEqualTo(recomputedRoot(debateId, 4));

        Response key = anonymous("GET", "/.well-known/ledger-verifier-key", null);
        assertThat(key.status()).isEqualTo(200);
        assertThat(key.raw()).isEqualTo(SIGNING_KEY.verifierKey().format() + "\n");
    }

    /**
     * An append hashes the bytes it has just stored instead of reading its rows back: for every event type a command
     * writes, the leaf kept by the append equals the leaf recomputed from the stored row, and equals the leaf the
     * service's own read-back (the backfill's path) computes when the tree is rebuilt from the rows.
     */
    @Test
    void theLeafAnAppendKeepsEqualsTheLeafOfItsStoredRowForEveryEventType() {
        String debateId = openDebate();
        join(debateId, DEFAULT_ACTOR);
        join(debateId, "uma");
        assertThat(post("/debates/" + debateId + "/invitations", "{\"handle\":\"vic\",\"role\":\"member\"}").status())
                .isEqualTo(201);
        assertThat(send("PUT", "/debates/" + debateId + "/participants/uma/role", "{\"role\":\"observer\"}").status())
                .isEqualTo(200);
        String claimId = stateClaim(debateId, DEFAULT_ACTOR);
        join(debateId, "vic");
        Response reason = post("/debates/" + debateId + "/reasons", "{\"claimId\":\"" + claimId
                + "\",\"stance\":\"against\",\"text\":\"Ünïcode \\\"quoted\\\" \\u2028 and 1e3\",\"by\":\"vic\"}");
        assertThat(reason.status()).as(reason.raw()).isEqualTo(201);
        assertThat(post("/debates/" + debateId + "/reasons/" + reason.text("reasonId") + "/acknowledgements",
                "{\"by\":\"" + DEFAULT_ACTOR + "\",\"kind\":\"noted\"}").status()).isEqualTo(201);
        assertThat(send("PUT", "/debates/" + debateId + "/participants/vic/views/" + claimId,
                "{\"credence\":0.1234567890123,\"rationale\":\"tab\\tseparated\"}").status()).isEqualTo(200);
        String resolution = "/debates/" + debateId + "/claims/" + claimId + "/resolution";
        assertThat(post(resolution, "{\"outcome\":true,\"note\":\"\\ud83d\\ude00\"}").status()).isEqualTo(201);
        assertThat(send("DELETE", resolution, "{\"note\":\"wrong\"}").status()).isEqualTo(200);

        assertThat(jdbc.queryForList("SELECT DISTINCT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, debateId)).as("every event type a command writes")
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(EventType.values())
                        .map(type -> type.payloadClass().getName()).toList());
        List<byte[]> keptByTheAppends = storedLeaves(debateId);
        assertThat(keptByTheAppends).containsExactlyElementsOf(recomputedLeaves(debateId));

        jdbc.update("DELETE FROM debate_tree_leaf WHERE debate_id = ?", debateId);
        jdbc.update("DELETE FROM debate_tree_head WHERE debate_id = ?", debateId);
        assertThat(anonymous("GET", "/debates/" + debateId + "/checkpoint", null).status()).isEqualTo(200);
        assertThat(storedLeaves(debateId)).as("rebuilt from the stored rows").containsExactlyElementsOf(keptByTheAppends);
    }

    @Test
    void aCommandWhoseCommitFailsLeavesNeitherEventsNorTreeChanges() {
        String debateId = openDebate();
        join(debateId, "ann");
        Head before = storedHead(debateId);
        String marker = "refused-at-commit-" + UUID.randomUUID();
        jdbc.execute("CREATE FUNCTION refuse_history_event() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'refused at commit by VerifiableHistoryTest'; END $$");
        jdbc.execute("CREATE CONSTRAINT TRIGGER refuse_history_event AFTER INSERT ON domain_event_entry "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                + "WHEN (position(convert_to('" + marker + "', 'UTF8') in NEW.payload) > 0) "
                + "EXECUTE FUNCTION refuse_history_event()");

        Response refused = post("/debates/" + debateId + "/claims", "{\"statement\":\"" + marker + "\",\"by\":\"ann\"}");

        assertThat(refused.status()).as(refused.raw()).isEqualTo(500);
        assertThat(eventCount(debateId)).isEqualTo(2);
        assertThat(storedHead(debateId)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM debate_tree_leaf WHERE debate_id = ?", Long.class, debateId))
                .isEqualTo(2);
        dropTrigger();
        stateClaim(debateId, "ann");
        assertThat(storedHead(debateId)).isEqualTo(new Head(3, HEX.formatHex(recomputedRoot(debateId, 3))));
    }

    @Test
    void concurrentCommandsOnOneDebateNeverInterleaveTheirTreeUpdates() throws Exception {
        String debateId = openDebate();
        List<String> writers = List.of("w1", "w2", "w3", "w4", "w5", "w6");
        writers.forEach(writer -> join(debateId, writer));
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String writer : writers) {
                    sent.add(pool.submit(() -> post("/debates/" + debateId + "/claims",
                            "{\"statement\":\"Claim of " + writer + " " + UUID.randomUUID() + "\",\"by\":\"" + writer + "\"}")));
                }
            }
            for (Future<Response> response : sent) {
                assertThat(response.get().status()).as(response.get().raw()).isIn(201, 503);
            }
        } finally {
            pool.shutdownNow();
        }
        long events = eventCount(debateId);
        assertThat(events).isGreaterThan(1 + writers.size());
        assertThat(storedHead(debateId)).isEqualTo(new Head(events, HEX.formatHex(recomputedRoot(debateId, events))));
        assertThat(jdbc.queryForList("SELECT leaf_hash FROM debate_tree_leaf WHERE debate_id = ? ORDER BY sequence",
                byte[].class, debateId)).containsExactlyElementsOf(recomputedLeaves(debateId));
    }

    @Test
    void everyInclusionAndConsistencyProofVerifiesAndOutOfRangeValuesAre400NamingTheParameter() {
        String debateId = openDebate();
        join(debateId, "opener");
        join(debateId, "kim");
        stateClaim(debateId, "kim");
        stateClaim(debateId, "opener");
        int size = 5;
        byte[] root = recomputedRoot(debateId, size);
        List<byte[]> leaves = recomputedLeaves(debateId);

        for (int treeSize = 1; treeSize <= size; treeSize++) {
            for (int sequence = 1; sequence <= treeSize; sequence++) {
                Response proof = anonymous("GET", "/debates/" + debateId + "/proof/inclusion?sequence=" + sequence
                        + "&treeSize=" + treeSize, null);
                assertThat(proof.status()).as(proof.raw()).isEqualTo(200);
                JsonNode body = proof.body();
                assertThat(body.get("leafIndex").asLong()).isEqualTo(sequence - 1);
                assertThat(HEX.parseHex(body.get("leafHash").asString())).isEqualTo(leaves.get(sequence - 1));
                byte[] treeRoot = recomputedRoot(debateId, treeSize);
                assertThat(HEX.parseHex(body.get("rootHash").asString())).isEqualTo(treeRoot);
                assertThat(MerkleTree.verifyInclusion(sequence - 1, treeSize, leaves.get(sequence - 1), path(body), treeRoot))
                        .as("inclusion of %d in %d", sequence, treeSize).isTrue();
            }
        }
        Response latest = anonymous("GET", "/debates/" + debateId + "/proof/inclusion?sequence=2", null);
        assertThat(latest.body().get("treeSize").asLong()).isEqualTo(size);

        for (int from = 1; from <= size; from++) {
            for (int to = from; to <= size; to++) {
                Response proof = anonymous("GET", "/debates/" + debateId + "/proof/consistency?from=" + from + "&to=" + to, null);
                assertThat(proof.status()).as(proof.raw()).isEqualTo(200);
                byte[] fromRoot = HEX.parseHex(proof.body().get("fromRoot").asString());
                byte[] toRoot = HEX.parseHex(proof.body().get("toRoot").asString());
                assertThat(fromRoot).isEqualTo(recomputedRoot(debateId, from));
                assertThat(toRoot).isEqualTo(recomputedRoot(debateId, to));
                assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, toRoot, path(proof.body())))
                        .as("consistency of %d with %d", from, to).isTrue();
            }
        }
        assertThat(HEX.parseHex(anonymous("GET", "/debates/" + debateId + "/proof/consistency?from=3", null)
                .body().get("toRoot").asString())).isEqualTo(root);

        String proofs = "/debates/" + debateId + "/proof/";
        assertRefused(proofs + "inclusion?sequence=1&treeSize=6", "treeSize");
        assertRefused(proofs + "inclusion?sequence=4&treeSize=3", "sequence");
        assertRefused(proofs + "inclusion?sequence=0", "sequence");
        assertRefused(proofs + "inclusion", "sequence");
        assertRefused(proofs + "inclusion?sequence=1&treeSize=x", "treeSize");
        assertRefused(proofs + "consistency?from=4&to=3", "from");
        assertRefused(proofs + "consistency?from=1&to=6", "to");
        assertRefused(proofs + "consistency?to=3", "from");
        assertRefused("/debates/not-a-uuid/checkpoint", "debateId");
    }

    @Test
    void aPrivateDebatesHistoryIsReadByItsParticipantsInvitedAdminsAndTheServiceTokenOnly() {
        Response opened = post("/debates", "{\"title\":\"Private history\",\"visibility\":\"private\"}");
        String debateId = opened.text("debateId");
        assertThat(post("/debates/" + debateId + "/invitations", "{\"handle\":\"guest\",\"role\":\"member\"}").status())
                .isEqualTo(201);
        String checkpoint = "/debates/" + debateId + "/checkpoint";

        assertThat(anonymous("GET", checkpoint, null).status()).isEqualTo(404);
        assertThat(send("GET", checkpoint, null, "Authorization", "Bearer " + tokenOf("stranger")).status()).isEqualTo(404);
        assertThat(anonymous("GET", "/debates/" + UUID.randomUUID() + "/checkpoint", null).status()).isEqualTo(404);
        assertThat(anonymous("GET", "/debates/" + debateId + "/proof/inclusion?sequence=99", null).status())
                .as("no parameter check before the read check").isEqualTo(404);
        assertThat(send("GET", checkpoint, null, "Authorization", "Bearer " + tokenOf(DEFAULT_ACTOR)).status()).isEqualTo(200);
        assertThat(send("GET", checkpoint, null, "Authorization", "Bearer " + tokenOf("guest")).status()).isEqualTo(200);
        assertThat(send("GET", checkpoint, null, "Authorization", "Bearer " + SERVICE_TOKEN).status()).isEqualTo(200);
        String admin = "history-admin-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("PUT", "/admin/accounts/" + admin + "/admin", null, "Authorization", "Bearer " + SERVICE_TOKEN)
                .status()).isEqualTo(200);
        assertThat(send("GET", checkpoint, null, "Authorization", "Bearer " + tokenOf(admin)).status()).isEqualTo(200);
    }

    private void assertRefused(String path, String field) {
        Response refused = anonymous("GET", path, null);
        assertThat(refused.status()).as(path + ": " + refused.raw()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("errors").get(0).get("field").asString()).as(path).isEqualTo(field);
    }

    private static List<byte[]> path(JsonNode proof) {
        List<byte[]> path = new ArrayList<>();
        proof.get("path").forEach(hash -> path.add(HEX.parseHex(hash.asString())));
        return path;
    }

    record Head(long size, String rootHex) {
    }

    Head storedHead(String debateId) {
        return jdbc.queryForObject("SELECT tree_size, root_hash FROM debate_tree_head WHERE debate_id = ?",
                (row, i) -> new Head(row.getLong(1), HEX.formatHex(row.getBytes(2))), debateId);
    }

    List<byte[]> storedLeaves(String debateId) {
        return jdbc.queryForList("SELECT leaf_hash FROM debate_tree_leaf WHERE debate_id = ? ORDER BY sequence",
                byte[].class, debateId);
    }

    /** The leaf hashes of the debate's stored rows, computed here from the columns as the format defines them. */
    List<byte[]> recomputedLeaves(String debateId) {
        return jdbc.query("SELECT event_identifier, payload_type, payload_revision, sequence_number, time_stamp, payload"
                        + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (row, i) -> {
                    String payloadType = row.getString(2);
                    EventType type = java.util.Arrays.stream(EventType.values())
                            .filter(t -> t.payloadClass().getName().equals(payloadType)).findFirst().orElseThrow();
                    String revision = row.getString(3);
                    return LoggedEvent.of(row.getString(1), type.wireName(), revision == null ? 1 : Integer.parseInt(revision),
                            debateId, row.getLong(4) + 1, row.getString(5),
                            new String(row.getBytes(6), StandardCharsets.UTF_8)).leafHash();
                }, debateId);
    }

    byte[] recomputedRoot(String debateId, long size) {
        return MerkleTree.root(recomputedLeaves(debateId), size);
    }
}
