package dev.ledger.events.history;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedNoteTest {

    // golang.org/x/mod/sumdb/note, example_test.go (ExampleSign, ExampleOpen) and note_test.go.
    private static final String GO_SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private static final String GO_OTHER_VERIFIER_KEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

    @Test
    void signingGosExampleTextWithGosKeyGivesGosExactNote() {
        SigningKey key = SigningKey.parse(GO_SIGNER_KEY);
        assertThat(key.format()).isEqualTo(GO_SIGNER_KEY);
        assertThat(key.verifierKey().format()).isEqualTo(GO_VERIFIER_KEY);
        assertThat(key.verifierKey().keyIdHex()).isEqualTo("c74f20a3");
        // Ed25519 signatures are deterministic, so the note is byte for byte Go's.
        assertThat(SignedNote.sign(GO_TEXT, key).format()).isEqualTo(GO_NOTE);
    }

    @Test
    void gosExampleNoteOpensWithGosVerifierKeyAndNotWithAnother() {
        SignedNote note = SignedNote.parse(GO_NOTE.getBytes(StandardCharsets.UTF_8));
        assertThat(note.text()).isEqualTo(GO_TEXT);
        assertThat(note.format()).isEqualTo(GO_NOTE);
        assertThat(note.isSignedBy(VerifierKey.parse(GO_VERIFIER_KEY))).isTrue();
        assertThat(note.isSignedBy(VerifierKey.parse(GO_OTHER_VERIFIER_KEY))).isFalse();
        assertThat(note.signerLabels()).isEqualTo("PeterNeumann+c74f20a3");
    }

    /** RFC 8032 section 7.1, TEST 1: the public key the JDK derives from a seed, and the signature of "". */
    @Test
    void theSeedGivesRfc8032sPublicKeyAndSignature() {
        SigningKey key = SigningKey.fromSeed("rfc8032", Sha256.fromHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(Sha256.hex(key.verifierKey().publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(Sha256.hex(key.sign(new byte[0]))).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974"
                + "d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void aChangedTextOrSignatureDoesNotVerify() {
        VerifierKey key = VerifierKey.parse(GO_VERIFIER_KEY);
        SignedNote changedText = SignedNote.parse(GO_NOTE.replace("answer", "Answer"));
        assertThat(changedText.isSignedBy(key)).isFalse();
        byte[] blob = Base64.getDecoder().decode("x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=");
        for (int i = 4; i < blob.length; i += 7) {
            byte[] changed = blob.clone();
            changed[i] ^= 0x20;
            String note = GO_TEXT + "\n\u2014 PeterNeumann " + Base64.getEncoder().encodeToString(changed) + "\n";
            assertThat(SignedNote.parse(note).isSignedBy(key)).as("byte %d", i).isFalse();
        }
    }

    @Test
    void generatedKeysRoundTripThroughTheirTextForms() {
        SigningKey key = SigningKey.generate(Checkpoint.DEFAULT_LEDGER_NAME);
        SigningKey again = SigningKey.parse(key.format() + "\n");
        assertThat(again.verifierKey()).isEqualTo(key.verifierKey());
        assertThat(VerifierKey.parse(key.verifierKey().format())).isEqualTo(key.verifierKey());
        assertThat(key.verifierKey().format()).startsWith("ledger.local+" + key.verifierKey().keyIdHex() + "+A");
        assertThat(key.toString()).doesNotContain(key.format().substring("PRIVATE+KEY+".length() + 22));
        byte[] message = "x\n".getBytes(StandardCharsets.UTF_8);
        assertThat(again.verifierKey().verify(message, key.sign(message))).isTrue();
    }

    @Test
    void malformedKeysAndNotesAreRefusedWithAReason() {
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(HistoryFormatException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+c74f20a3"))
                .isInstanceOf(HistoryFormatException.class);
        assertThatThrownBy(() -> SigningKey.parse(GO_VERIFIER_KEY)).isInstanceOf(HistoryFormatException.class);
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT)).isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("blank line");
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT + "\n- PeterNeumann AAAA\n")).isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("em dash");
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT.replace("\n", "\r\n") + "\n" + GO_NOTE.substring(GO_TEXT.length() + 1)))
                .isInstanceOf(HistoryFormatException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> SignedNote.parse(GO_NOTE.substring(0, GO_NOTE.length() - 1)))
                .isInstanceOf(HistoryFormatException.class);
    }

    @Test
    void aCheckpointIsTheC2spBodySignedAsANote() {
        SigningKey key = SigningKey.generate("ledger.local");
        byte[] root = MerkleTree.root(List.of(MerkleTree.leafHash(new byte[] {1}), MerkleTree.leafHash(new byte[] {2})));
        Checkpoint checkpoint = new Checkpoint(Checkpoint.origin("ledger.local", "debate-1"), 2, root);
        assertThat(checkpoint.body()).isEqualTo("ledger.local/debates/debate-1\n2\n"
                + Base64.getEncoder().encodeToString(root) + "\n");
        String signed = checkpoint.sign(key);
        assertThat(signed).startsWith(checkpoint.body() + "\n\u2014 ledger.local ");
        SignedNote note = SignedNote.parse(signed);
        assertThat(note.isSignedBy(key.verifierKey())).isTrue();
        assertThat(Checkpoint.of(note)).isEqualTo(checkpoint);

        SignedNote forged = SignedNote.parse(signed.replace("\n2\n", "\n3\n"));
        assertThat(forged.isSignedBy(key.verifierKey())).isFalse();
        SigningKey other = SigningKey.generate("ledger.local");
        assertThat(note.isSignedBy(other.verifierKey())).isFalse();

        assertThat(Checkpoint.open(signed, key.verifierKey())).isEqualTo(checkpoint);
        assertThatThrownBy(() -> Checkpoint.open(signed, other.verifierKey()))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessage("checkpoint signature does not verify with key " + other.verifierKey().label()
                        + " (the note carries signatures of " + key.verifierKey().label() + ")");
        assertThatThrownBy(() -> Checkpoint.open("ledger.local/debates/debate-1\n", key.verifierKey()))
                .isInstanceOf(HistoryFormatException.class);
    }

    /** The example body of C2SP tlog-checkpoint. */
    @Test
    void theC2spExampleBodyParses() {
        Checkpoint checkpoint = Checkpoint.parseBody("example.com/behind-the-sofa\n20852163\n"
                + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.size()).isEqualTo(20852163L);
        assertThat(checkpoint.rootHashHex()).isEqualTo("0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62");
        assertThatThrownBy(() -> Checkpoint.parseBody("example.com/x\n007\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"))
                .isInstanceOf(HistoryFormatException.class);
        assertThatThrownBy(() -> Checkpoint.parseBody("example.com/x\n7\nAAAA\n"))
                .isInstanceOf(HistoryFormatException.class);
    }
}
