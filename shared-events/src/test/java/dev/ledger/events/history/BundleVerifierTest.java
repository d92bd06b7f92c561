package dev.ledger.events.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundleVerifierTest {

    private static final String DEBATE = "3f2c1a9e-debate";
    private static final Instant CREATED = Instant.parse("2026-11-29T12:00:00Z");

    private final SigningKey key = SigningKey.generate(Checkpoint.DEFAULT_LEDGER_NAME);
    private final List<LoggedEvent> events = events(DEBATE, 9);
    private final Bundle bundle = Bundle.of(Checkpoint.DEFAULT_LEDGER_NAME, events, key, CREATED);

    static List<LoggedEvent> events(String debateId, int count) {
        List<LoggedEvent> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(LoggedEvent.of("event-" + i, "ClaimStated", 1, debateId, i,
                    Instant.parse("2026-11-01T10:00:00Z").plusSeconds(i).toString(),
                    "{\"debateId\":\"" + debateId + "\",\"claimId\":\"c" + i + "\",\"text\":\"claim number " + i
                            + " \u00e9\u20ac\",\"statedBy\":\"alice\"}"));
        }
        return events;
    }

    @Test
    void anUntouchedBundleIsValidWithTheGivenKey() {
        Bundle read = Bundle.readZip(new ByteArrayInputStream(bundle.toZip()));
        VerificationResult result = BundleVerifier.verify(read, key.verifierKey(), null);
        assertThat(result).isInstanceOf(VerificationResult.Valid.class);
        assertThat(result.exitCode()).isZero();
        VerificationResult.Valid valid = (VerificationResult.Valid) result;
        assertThat(valid.treeSize()).isEqualTo(9);
        assertThat(valid.keyUsed()).isEqualTo(key.verifierKey().label());
        assertThat(valid.rootHash()).isEqualTo(Sha256.hex(MerkleTree.root(events.stream().map(LoggedEvent::leafHash).toList())));
        assertThat(valid.warnings()).isEmpty();
        assertThat(read.events()).isEqualTo(events);
    }

    @Test
    void theEventsFileHoldsTheCanonicalBytesEachFollowedByANewline() {
        String jsonl = new String(bundle.eventsJsonl(), StandardCharsets.UTF_8);
        assertThat(jsonl).endsWith("\n");
        String[] lines = jsonl.split("\n");
        assertThat(lines).hasSize(9);
        assertThat(lines[2].getBytes(StandardCharsets.UTF_8)).isEqualTo(events.get(2).canonicalBytes());
        assertThat(lines[2]).startsWith("{\"debateId\":\"" + DEBATE + "\",\"eventId\":\"event-3\",\"occurredAt\":");
        assertThat(bundle.manifest().leafHashes().get(2)).isEqualTo(Sha256.hex(events.get(2).leafHash()));
    }

    @Test
    void withoutAKeyTheBundlesOwnKeyIsUsedAndTheResultSaysSo() {
        VerificationResult result = BundleVerifier.verify(bundle, null, null);
        assertThat(result.exitCode()).isZero();
        assertThat(result.warnings()).singleElement().asString()
                .contains("bundle's own key " + key.verifierKey().label());
    }

    @Test
    void aChangedPayloadByteNamesTheEvent() {
        List<byte[]> lines = new ArrayList<>(bundle.eventLines());
        lines.set(6, replace(lines.get(6), "claim number 7", "claim number 8"));
        VerificationResult result = BundleVerifier.verify(with(lines), key.verifierKey(), null);
        assertThat(result.exitCode()).isEqualTo(1);
        VerificationResult.Invalid invalid = (VerificationResult.Invalid) result;
        assertThat(invalid.sequence()).isEqualTo(7L);
        assertThat(invalid.eventId()).isEqualTo("event-7");
        assertThat(invalid.reason()).startsWith("event 7 (eventId event-7): leaf hash ")
                .contains("does not match the checkpoint root");
    }

    @Test
    void aChangedPayloadWhoseManifestHashWasChangedTooStillFailsOnTheRoot() {
        List<byte[]> lines = new ArrayList<>(bundle.eventLines());
        lines.set(6, replace(lines.get(6), "claim number 7", "claim number 8"));
        List<String> hashes = new ArrayList<>(bundle.manifest().leafHashes());
        hashes.set(6, Sha256.hex(MerkleTree.leafHash(lines.get(6))));
        BundleManifest m = bundle.manifest();
        Bundle tampered = new Bundle(new BundleManifest(m.formatVersion(), m.origin(), m.debateId(), m.eventCount(),
                m.treeSize(), m.rootHash(), m.createdAt(), hashes), lines, bundle.checkpoint(), bundle.verifierKey());
        VerificationResult result = BundleVerifier.verify(tampered, key.verifierKey(), null);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(((VerificationResult.Invalid) result).reason()).contains("not to the checkpoint root");
    }

    @Test
    void aDeletedEventIsMissing() {
        List<byte[]> lines = new ArrayList<>(bundle.eventLines());
        lines.remove(4);
        VerificationResult result = BundleVerifier.verify(with(lines), key.verifierKey(), null);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(((VerificationResult.Invalid) result).reason()).startsWith("sequence 5 is missing");
        assertThat(((VerificationResult.Invalid) result).sequence()).isEqualTo(5L);
    }

    @Test
    void theLastEventDeletedIsMissingToo() {
        List<byte[]> lines = new ArrayList<>(bundle.eventLines());
        lines.remove(8);
        VerificationResult result = BundleVerifier.verify(with(lines), key.verifierKey(), null);
        assertThat(((VerificationResult.Invalid) result).reason()).startsWith("sequence 9 is missing");
    }

    @Test
    void twoSwappedEventsAreOutOfOrder() {
        List<byte[]> lines = new ArrayList<>(bundle.eventLines());
        Collections.swap(lines, 2, 3);
        VerificationResult result = BundleVerifier.verify(with(lines), key.verifierKey(), null);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(((VerificationResult.Invalid) result).reason()).startsWith("events 3 and 4 are out of order");
    }

    @Test
    void aLineThatIsNotCanonicalNamesItsEvent() {
        List<byte[]> lines = new ArrayList<>(bundle.eventLines());
        lines.set(1, replace(lines.get(1), "{\"debateId\"", "{ \"debateId\""));
        VerificationResult result = BundleVerifier.verify(with(lines), key.verifierKey(), null);
        assertThat(((VerificationResult.Invalid) result).reason())
                .isEqualTo("event 2 (eventId event-2): its line in events.jsonl is not the canonical (RFC 8785) form of its envelope");
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsRefusedNamingTheKey() {
        SigningKey other = SigningKey.generate(Checkpoint.DEFAULT_LEDGER_NAME);
        Bundle resigned = Bundle.of(Checkpoint.DEFAULT_LEDGER_NAME, events, other, CREATED);
        VerificationResult result = BundleVerifier.verify(resigned, key.verifierKey(), null);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(((VerificationResult.Invalid) result).reason())
                .startsWith("checkpoint signature does not verify with key " + key.verifierKey().label())
                .contains(other.verifierKey().label());
        assertThat(result.warnings()).anyMatch(w -> w.contains("own verifier-key is " + other.verifierKey().label()));
    }

    @Test
    void anOlderCheckpointOfAPrefixShowsTheLogOnlyGrew() {
        String older = new Checkpoint(Checkpoint.origin("ledger.local", DEBATE), 5,
                MerkleTree.root(events.subList(0, 5).stream().map(LoggedEvent::leafHash).toList())).sign(key);
        VerificationResult result = BundleVerifier.verify(bundle, key.verifierKey(), older);
        assertThat(result.exitCode()).isZero();
        assertThat(result.warnings()).anyMatch(w -> w.startsWith("the log only grew since the older checkpoint (size 5"));
    }

    @Test
    void anOlderCheckpointThatIsNotAPrefixIsRefused() {
        List<LoggedEvent> rewritten = new ArrayList<>(events.subList(0, 5));
        rewritten.set(3, LoggedEvent.of("event-4", "ClaimStated", 1, DEBATE, 4, rewritten.get(3).occurredAt(),
                "{\"debateId\":\"" + DEBATE + "\",\"claimId\":\"c4\",\"text\":\"what was really said\",\"statedBy\":\"bob\"}"));
        String older = new Checkpoint(Checkpoint.origin("ledger.local", DEBATE), 5,
                MerkleTree.root(rewritten.stream().map(LoggedEvent::leafHash).toList())).sign(key);
        VerificationResult result = BundleVerifier.verify(bundle, key.verifierKey(), older);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(((VerificationResult.Invalid) result).reason()).contains("is not a prefix of this log");
    }

    @Test
    void anOlderCheckpointSignedByAnotherKeyIsRefused() {
        SigningKey other = SigningKey.generate(Checkpoint.DEFAULT_LEDGER_NAME);
        String older = new Checkpoint(Checkpoint.origin("ledger.local", DEBATE), 5,
                MerkleTree.root(events.subList(0, 5).stream().map(LoggedEvent::leafHash).toList())).sign(other);
        VerificationResult result = BundleVerifier.verify(bundle, key.verifierKey(), older);
        assertThat(((VerificationResult.Invalid) result).reason())
                .startsWith("the older checkpoint's signature does not verify with key " + key.verifierKey().label());
    }

    @Test
    void anOlderCheckpointLargerThanTheLogMeansItShrank() {
        List<LoggedEvent> more = events(DEBATE, 12);
        String older = new Checkpoint(Checkpoint.origin("ledger.local", DEBATE), 12,
                MerkleTree.root(more.stream().map(LoggedEvent::leafHash).toList())).sign(key);
        VerificationResult result = BundleVerifier.verify(bundle, key.verifierKey(), older);
        assertThat(((VerificationResult.Invalid) result).reason()).contains("the log shrank");
    }

    @Test
    void filesThatAreNoBundleAreUnusable(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("not-a-zip");
        Files.writeString(text, "hello");
        assertThat(BundleVerifier.verify(text, null, null)).isInstanceOf(VerificationResult.Unusable.class);
        assertThat(BundleVerifier.verify(dir.resolve("nothing-here.zip"), null, null).exitCode()).isEqualTo(2);
        Path zip = dir.resolve("bundle.zip");
        Files.write(zip, bundle.toZip());
        Path badKey = dir.resolve("key");
        Files.writeString(badKey, "not a key\n");
        VerificationResult result = BundleVerifier.verify(zip, badKey, null);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.message()).contains("key " + badKey);
        Path keyFile = dir.resolve("good-key");
        Files.writeString(keyFile, key.verifierKey().format() + "\n");
        assertThat(BundleVerifier.verify(zip, keyFile, null).exitCode()).isZero();
    }

    @Test
    void theAdminCheckNamesAChangedEventFromRecordedLeafHashes() {
        List<byte[]> recorded = events.stream().map(LoggedEvent::leafHash).toList();
        byte[] root = MerkleTree.root(recorded);
        assertThat(HistoryVerifier.verifyEvents(DEBATE, events, 9, root).isValid()).isTrue();
        List<LoggedEvent> stored = new ArrayList<>(events);
        LoggedEvent e = stored.get(2);
        stored.set(2, LoggedEvent.of(e.eventId(), e.type(), e.version(), e.debateId(), e.sequence(), e.occurredAt(),
                "{\"debateId\":\"" + DEBATE + "\",\"claimId\":\"c3\",\"text\":\"claim number 3, edited\",\"statedBy\":\"alice\"}"));
        VerificationResult result = HistoryVerifier.verifyEvents(DEBATE, stored, 9, root, recorded);
        assertThat(((VerificationResult.Invalid) result).reason()).startsWith("event 3 (eventId event-3): leaf hash");
        VerificationResult withoutHashes = HistoryVerifier.verifyEvents(DEBATE, stored, 9, root);
        assertThat(withoutHashes.exitCode()).isEqualTo(1);
    }

    private Bundle with(List<byte[]> lines) {
        return new Bundle(bundle.manifest(), lines, bundle.checkpoint(), bundle.verifierKey());
    }

    private static byte[] replace(byte[] line, String from, String to) {
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
