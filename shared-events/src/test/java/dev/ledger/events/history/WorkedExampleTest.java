package dev.ledger.events.history;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The values docs/verifiable-history.md shows are what this code computes (so the worked example stays true). */
class WorkedExampleTest {

    private static final String CHECKPOINT = "ledger.local/debates/d1\n5\nl1fN0WtpYKaL7khaCdPuEtv3xHSFoFrAeGgix21S3Z8=\n\n"
            + "\u2014 ledger.local Ghls9H7p2PxQnVCs8GTwr0O0QhXEb0lOimmViupikP9SC/8+B365HB1S1ShNzzAVLOB0y0PkDz56FdTw2E3pq7nP9Qg=\n";
    private static final String VERIFIER_KEY = "ledger.local+1a196cf4+AaO2kdTgnGSYOmBM046PlCZdNwjFAq2ya7gD411Pnchq";

    @Test
    void theDocumentsLeafPathRootAndCheckpointAreReal() {
        List<LoggedEvent> events = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            events.add(LoggedEvent.of("e-" + i, "ClaimStated", 1, "d1", i,
                    Instant.parse("2026-11-29T09:00:00Z").plusSeconds(i).toString(),
                    "{\"debateId\":\"d1\",\"text\":\"claim " + i + "\"}"));
        }
        assertThat(new String(events.get(2).canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"debateId\":\"d1\",\"eventId\":\"e-3\",\"occurredAt\":\"2026-11-29T09:00:03Z\","
                        + "\"payload\":{\"debateId\":\"d1\",\"text\":\"claim 3\"},\"sequence\":3,\"type\":\"ClaimStated\",\"version\":1}");
        List<byte[]> leaves = events.stream().map(LoggedEvent::leafHash).toList();
        assertThat(Sha256.hex(leaves.get(2))).isEqualTo("7d34f1585466defe61387b3cdd72c73840bc641da50f18b5040b47482742948b");
        assertThat(MerkleTree.inclusionProof(leaves, 2, 5).stream().map(Sha256::hex).toList()).containsExactly(
                "0b01dcfc4c46d421b82b287557a1654b4d7135399cc99b139eafdaafaf695ed6",
                "f762a97ffc05513854bea0bfd6e71e42dbead1be998d7dad9e640b06bc01faeb",
                "3f4fdc7d0f8403e60ff9c93c696555257b9d56c46434a0c0daa33550b5dd6c25");
        assertThat(Sha256.hex(MerkleTree.root(leaves))).isEqualTo("9757cdd16b6960a68bee485a09d3ee12dbf7c47485a05ac0786822c76d52dd9f");

        SignedNote note = SignedNote.parse(CHECKPOINT);
        assertThat(note.isSignedBy(VerifierKey.parse(VERIFIER_KEY))).isTrue();
        assertThat(Checkpoint.of(note).rootHash()).isEqualTo(MerkleTree.root(leaves));
    }
}
