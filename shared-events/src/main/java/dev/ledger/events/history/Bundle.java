package dev.ledger.events.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An export of one debate: a zip of {@code manifest.json}, {@code events.jsonl} (each event's canonical bytes and a
 * newline, sequences 1..n), {@code checkpoint} (the signed note over those n events) and {@code verifier-key}
 * (the exporting ledger's verifier key line and a newline).
 */
public record Bundle(BundleManifest manifest, List<byte[]> eventLines, String checkpoint, String verifierKey) {

    public static final String MANIFEST = "manifest.json";
    public static final String EVENTS = "events.jsonl";
    public static final String CHECKPOINT = "checkpoint";
    public static final String VERIFIER_KEY = "verifier-key";

    /** Refuses zip entries larger than this (a debate's events are far smaller; a zip bomb is not). */
    static final long MAX_ENTRY_BYTES = 512L * 1024 * 1024;

    public Bundle {
        eventLines = eventLines.stream().map(byte[]::clone).toList();
    }

    /**
     * The bundle of {@code events} (sequences 1..n in order) with {@code signedCheckpoint}, a note over exactly those
     * n events signed by {@code key}'s signing key.
     */
    public static Bundle of(List<LoggedEvent> events, String signedCheckpoint, VerifierKey key, Instant createdAt) {
        Checkpoint checkpoint = Checkpoint.of(SignedNote.parse(signedCheckpoint));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a bundle holds at least one event");
        }
        if (checkpoint.size() != events.size()) {
            throw new IllegalArgumentException("the checkpoint covers " + checkpoint.size() + " events, not the "
                    + events.size() + " given");
        }
        List<byte[]> lines = events.stream().map(LoggedEvent::canonicalBytes).toList();
        List<String> leafHashes = lines.stream().map(MerkleTree::leafHash).map(Sha256::hex).toList();
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, checkpoint.origin(),
                events.get(0).debateId(), events.size(), checkpoint.size(), checkpoint.rootHashHex(),
                createdAt.toString(), leafHashes);
        return new Bundle(manifest, lines, signedCheckpoint, key.format() + "\n");
    }

    /** The bundle of {@code events}, with a checkpoint over all of them signed now by {@code key}. */
    public static Bundle of(String ledgerName, List<LoggedEvent> events, SigningKey key, Instant createdAt) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a bundle holds at least one event");
        }
        byte[] root = MerkleTree.root(events.stream().map(LoggedEvent::leafHash).toList());
        Checkpoint checkpoint = new Checkpoint(Checkpoint.origin(ledgerName, events.get(0).debateId()), events.size(), root);
        return of(events, checkpoint.sign(key), key.verifierKey(), createdAt);
    }

    /**
     * The events of {@code events.jsonl}, in file order; a {@link HistoryFormatException} naming the line for one
     * that is not an envelope. Verify the bundle first ({@link BundleVerifier}): this only reads.
     */
    public List<LoggedEvent> events() {
        List<LoggedEvent> events = new ArrayList<>();
        for (int i = 0; i < eventLines.size(); i++) {
            try {
                events.add(LoggedEvent.parse(eventLines.get(i)));
            } catch (HistoryFormatException e) {
                throw new HistoryFormatException("line " + (i + 1) + " of " + EVENTS + ": " + e.getMessage(), e);
            }
        }
        return events;
    }

    /** {@code events.jsonl}: each line the canonical bytes and a newline (the newline is not hashed). */
    public byte[] eventsJsonl() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : eventLines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    public void writeZip(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        put(zip, MANIFEST, manifest.toJson());
        put(zip, EVENTS, eventsJsonl());
        put(zip, CHECKPOINT, checkpoint.getBytes(StandardCharsets.UTF_8));
        put(zip, VERIFIER_KEY, verifierKey.getBytes(StandardCharsets.UTF_8));
        zip.finish();
    }

    public byte[] toZip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeZip(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Bundle read(Path zipFile) {
        if (!Files.isRegularFile(zipFile)) {
            throw new HistoryFormatException("no bundle file at " + zipFile);
        }
        try (InputStream in = Files.newInputStream(zipFile)) {
            return readZip(in);
        } catch (IOException e) {
            throw new HistoryFormatException("cannot read " + zipFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a bundle zip: exactly the four entries, each once; {@code events.jsonl} lines each ending in a newline.
     * Whether the contents agree is {@link BundleVerifier}'s question; this only refuses what cannot be read.
     */
    public static Bundle readZip(InputStream in) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!List.of(MANIFEST, EVENTS, CHECKPOINT, VERIFIER_KEY).contains(name)) {
                    throw new HistoryFormatException("unexpected entry \"" + name + "\" in the bundle");
                }
                if (entries.put(name, readBounded(zip, name)) != null) {
                    throw new HistoryFormatException("the bundle holds " + name + " twice");
                }
            }
        } catch (ZipException e) {
            throw new HistoryFormatException("not a zip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new HistoryFormatException("cannot read the bundle: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new HistoryFormatException("not a zip file, or an empty one");
        }
        for (String name : List.of(MANIFEST, EVENTS, CHECKPOINT, VERIFIER_KEY)) {
            if (!entries.containsKey(name)) {
                throw new HistoryFormatException("the bundle has no " + name);
            }
        }
        BundleManifest manifest = BundleManifest.parse(new String(entries.get(MANIFEST), StandardCharsets.UTF_8));
        return new Bundle(manifest, splitLines(entries.get(EVENTS)),
                new String(entries.get(CHECKPOINT), StandardCharsets.UTF_8),
                new String(entries.get(VERIFIER_KEY), StandardCharsets.UTF_8));
    }

    private static List<byte[]> splitLines(byte[] jsonl) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < jsonl.length; i++) {
            if (jsonl[i] == '\n') {
                lines.add(Arrays.copyOfRange(jsonl, start, i));
                start = i + 1;
            }
        }
        if (start != jsonl.length) {
            throw new HistoryFormatException(EVENTS + " does not end with a newline (line " + (lines.size() + 1) + ")");
        }
        return lines;
    }

    private static byte[] readBounded(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new HistoryFormatException(name + " is larger than " + MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
