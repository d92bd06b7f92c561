package dev.ledger.command.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledger.events.history.Checkpoint;
import dev.ledger.events.history.HistoryFormatException;
import dev.ledger.events.history.SigningKey;
import dev.ledger.events.history.VerifierKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ledger's name and its checkpoint signing key: {@code ledger.signing-key} (LEDGER_SIGNING_KEY, the Go note signer
 * key line {@code PRIVATE+KEY+name+keyid+base64}) or the file {@code ledger.signing-key-file}
 * (LEDGER_SIGNING_KEY_FILE) holding it; {@code ./ledger up} generates one into $LEDGER_DATA/signing-key. Required:
 * the service does not start without one, since every debate's history is signed with it.
 */
@Component
public class LedgerSigner {

    private final String ledgerName;
    private final SigningKey key;
    /** Signed notes by debate and tree size: a head, once signed, is served from here (bounded, least recently used out). */
    private final Cache<TreeHead.Position, String> signed = Caffeine.newBuilder().maximumSize(10_000).build();

    LedgerSigner(@Value("${ledger.name:" + Checkpoint.DEFAULT_LEDGER_NAME + "}") String ledgerName,
                 @Value("${ledger.signing-key:}") String signingKey,
                 @Value("${ledger.signing-key-file:}") String signingKeyFile) {
        this.ledgerName = ledgerName.isBlank() ? Checkpoint.DEFAULT_LEDGER_NAME : ledgerName.strip();
        this.key = keyOf(signingKey, signingKeyFile);
    }

    private static SigningKey keyOf(String signingKey, String signingKeyFile) {
        String line = signingKey;
        String source = "LEDGER_SIGNING_KEY (property ledger.signing-key)";
        if (line.isBlank() && !signingKeyFile.isBlank()) {
            source = "the file " + signingKeyFile + " (LEDGER_SIGNING_KEY_FILE, property ledger.signing-key-file)";
            try {
                line = Files.readString(Path.of(signingKeyFile), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the checkpoint signing key from " + source + ": " + e.getMessage());
            }
        }
        if (line.isBlank()) {
            throw new IllegalStateException("LEDGER_SIGNING_KEY (property ledger.signing-key) or LEDGER_SIGNING_KEY_FILE"
                    + " (property ledger.signing-key-file) must give the key that signs every debate's checkpoints: a Go note"
                    + " signer key line PRIVATE+KEY+name+keyid+base64; ./ledger up generates one into $LEDGER_DATA/signing-key");
        }
        try {
            return SigningKey.parse(line);
        } catch (HistoryFormatException e) {
            // the message names what is malformed, never the key itself
            throw new IllegalStateException("the checkpoint signing key in " + source + " is not a note signer key: "
                    + e.getMessage());
        }
    }

    public String ledgerName() {
        return ledgerName;
    }

    public VerifierKey verifierKey() {
        return key.verifierKey();
    }

    /** The signed note of the debate's tree head, signed when first asked for. */
    String signedCheckpoint(TreeHead head) {
        return signed.get(head.position(), position ->
                new Checkpoint(Checkpoint.origin(ledgerName, head.debateId()), head.size(), head.rootHash()).sign(key));
    }
}
