package dev.ledger.infra.verify;

import dev.ledger.events.history.Bundle;
import dev.ledger.events.history.Checkpoint;
import dev.ledger.events.history.LoggedEvent;
import dev.ledger.events.history.MerkleTree;
import dev.ledger.events.history.SigningKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./ledger verify} on a bundle made here (a key, events, a signed checkpoint) and on tampered copies of its
 * zip: each names its fault and exits 1; what is no bundle at all exits 2. No service runs.
 */
class VerifyCommandTest {

    private static final String DEBATE = "d-7f3a";

    @TempDir
    Path dir;

    private final SigningKey key = SigningKey.generate(Checkpoint.DEFAULT_LEDGER_NAME);
    private final List<LoggedEvent> events = new ArrayList<>();
    private Path bundle;
    private Path keyFile;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void exportADebate() throws IOException {
        for (int i = 1; i <= 8; i++) {
            events.add(LoggedEvent.of("e-" + i, i == 1 ? "DebateOpened" : "ClaimStated", 1, DEBATE, i,
                    Instant.parse("2026-11-29T09:00:00Z").plusSeconds(60L * i).toString(),
                    "{\"debateId\":\"" + DEBATE + "\",\"text\":\"statement " + i + "\"}"));
        }
        bundle = dir.resolve("debate.zip");
        Files.write(bundle, Bundle.of(Checkpoint.DEFAULT_LEDGER_NAME, events, key, Instant.now()).toZip());
        keyFile = dir.resolve("ledger.pub");
        Files.writeString(keyFile, key.verifierKey().format() + "\n");
    }

    @Test
    void anUntouchedBundleIsValid() {
        assertThat(run(bundle.toString(), "--key", keyFile.toString())).isZero();
        assertThat(stdout()).startsWith("valid: debate " + DEBATE + ", 8 events, root ")
                .contains("signed by " + key.verifierKey().label());
    }

    @Test
    void withoutKeyItSaysWhoseKeyItUsed() {
        assertThat(run(bundle.toString())).isZero();
        assertThat(stdout()).contains("note: checked with the bundle's own key " + key.verifierKey().label());
    }

    @Test
    void oneChangedPayloadByteNamesTheEvent() throws IOException {
        Path tampered = rewrite("events.jsonl", jsonl -> replace(jsonl, "statement 6", "statement 9"));
        assertThat(run(tampered.toString(), "--key", keyFile.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("invalid: event 6 (eventId e-6): leaf hash ")
                .contains("does not match the checkpoint root");
    }

    @Test
    void aDeletedEventIsNamed() throws IOException {
        Path tampered = rewrite("events.jsonl", jsonl -> lines(jsonl, list -> list.remove(2)));
        assertThat(run(tampered.toString(), "--key", keyFile.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("invalid: sequence 3 is missing");
    }

    @Test
    void twoSwappedEventsAreNamed() throws IOException {
        Path tampered = rewrite("events.jsonl", jsonl -> lines(jsonl, list -> Collections.swap(list, 4, 5)));
        assertThat(run(tampered.toString(), "--key", keyFile.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("invalid: events 5 and 6 are out of order");
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsRefused() throws IOException {
        SigningKey other = SigningKey.generate(Checkpoint.DEFAULT_LEDGER_NAME);
        String forged = new Checkpoint(Checkpoint.origin("ledger.local", DEBATE), 8, root(events)).sign(other);
        Path tampered = rewrite("checkpoint", old -> forged.getBytes(StandardCharsets.UTF_8));
        assertThat(run(tampered.toString(), "--key", keyFile.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("invalid: checkpoint signature does not verify with key "
                + key.verifierKey().label());
    }

    @Test
    void anOlderCheckpointThatIsAPrefixPassesAndOneThatIsNotIsRefused() throws IOException {
        Path prefix = dir.resolve("older-ok");
        Files.writeString(prefix, new Checkpoint(Checkpoint.origin("ledger.local", DEBATE), 5,
                root(events.subList(0, 5))).sign(key));
        assertThat(run(bundle.toString(), "--key", keyFile.toString(), "--since", prefix.toString())).isZero();
        assertThat(stdout()).contains("note: the log only grew since the older checkpoint (size 5");

        List<LoggedEvent> otherHistory = new ArrayList<>(events.subList(0, 5));
        otherHistory.set(1, LoggedEvent.of("e-2", "ClaimStated", 1, DEBATE, 2, events.get(1).occurredAt(),
                "{\"debateId\":\"" + DEBATE + "\",\"text\":\"what was said before the rewrite\"}"));
        Path notPrefix = dir.resolve("older-forked");
        Files.writeString(notPrefix, new Checkpoint(Checkpoint.origin("ledger.local", DEBATE), 5, root(otherHistory)).sign(key));
        out.reset();
        assertThat(run(bundle.toString(), "--key", keyFile.toString(), "--since", notPrefix.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("invalid: the older checkpoint (size 5, root ").contains("is not a prefix of this log");
    }

    @Test
    void whatIsNoBundleExitsTwo() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a zip\n");
        assertThat(run(text.toString())).isEqualTo(2);
        assertThat(stderr()).startsWith("unusable input: ");
        assertThat(run(dir.resolve("missing.zip").toString())).isEqualTo(2);
        assertThat(run(bundle.toString(), "--key", dir.resolve("no-key-file").toString())).isEqualTo(2);
        assertThat(run(bundle.toString(), "--since", dir.resolve("no-checkpoint").toString())).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run(bundle.toString(), "--frobnicate")).isEqualTo(2);
        Path withoutEvents = rewrite("events.jsonl", null);
        assertThat(run(withoutEvents.toString())).isEqualTo(2);
        assertThat(stderr()).contains("the bundle has no events.jsonl");
    }

    private int run(String... args) {
        return VerifyCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static byte[] root(List<LoggedEvent> events) {
        return MerkleTree.root(events.stream().map(LoggedEvent::leafHash).toList());
    }

    /** A copy of the bundle zip with one entry changed ({@code change} null: left out). */
    private Path rewrite(String entryName, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(bundle); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries).containsKey(entryName);
        if (change == null) {
            entries.remove(entryName);
        } else {
            entries.put(entryName, change.apply(entries.get(entryName)));
        }
        Path copy = Files.createTempFile(dir, "tampered", ".zip");
        try (OutputStream file = Files.newOutputStream(copy); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return copy;
    }

    private static byte[] replace(byte[] content, String from, String to) {
        String text = new String(content, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lines(byte[] jsonl, java.util.function.Consumer<List<String>> change) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(jsonl, StandardCharsets.UTF_8).split("\n")));
        change.accept(lines);
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
