package dev.ledger.infra.launcher;

import dev.ledger.events.history.SigningKey;
import dev.ledger.events.history.VerifierKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The secrets of a local ledger, each in its own file under {@code $LEDGER_DATA} that only its owner may read
 * (mode 600): made by the first {@code ./ledger up} and kept, so that a restart finds the same ones. Deleting a
 * file while the ledger is down makes the next {@code ./ledger up} create a new secret (see docs/operations.md
 * "Local secrets"); for the PostgreSQL password that only works together with a new data directory.
 */
record LocalSecrets(Path serviceTokenFile, Path postgresPasswordFile, Path signingKeyFile) {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    static LocalSecrets in(Path data) {
        return new LocalSecrets(data.resolve("service-token"), data.resolve("postgres-password"), data.resolve("signing-key"));
    }

    /** LEDGER_SERVICE_TOKEN of both services: the credential of service-to-service and ./ledger's admin calls. */
    String serviceToken() {
        return readOrCreate(serviceTokenFile);
    }

    /** The password of the local PostgreSQL's superuser, LEDGER_DB_PASSWORD of both services. */
    String postgresPassword() {
        return readOrCreate(postgresPasswordFile);
    }

    /**
     * The file holding the command-service's checkpoint signing key (LEDGER_SIGNING_KEY_FILE), a note signer key named
     * after the ledger, created when missing.
     */
    Path signingKey(String ledgerName) {
        readOrCreate(signingKeyFile, () -> SigningKey.generate(ledgerName).format());
        return signingKeyFile;
    }

    /** The verifier key of the signing key, without creating one (public: it checks the checkpoints). */
    Optional<VerifierKey> existingVerifierKey() {
        return read(signingKeyFile).map(key -> SigningKey.parse(key).verifierKey());
    }

    /** The service token, without creating one: a ledger never started here has none. */
    Optional<String> existingServiceToken() {
        return read(serviceTokenFile);
    }

    /** 32 bytes from SecureRandom, base64url without padding (43 characters, safe in URLs and headers). */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String readOrCreate(Path file) {
        return readOrCreate(file, LocalSecrets::random);
    }

    private static String readOrCreate(Path file, Supplier<String> secret) {
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            // Written in full under another name first, so that nobody ever reads a half-written secret.
            Path fresh = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".new",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(fresh, secret.get() + "\n", StandardCharsets.UTF_8);
            try {
                Files.createLink(file, fresh); // fails when another ./ledger made the file meanwhile: use theirs
            } catch (FileAlreadyExistsException e) {
                // fall through to reading it
            } finally {
                Files.delete(fresh);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + file, e);
        }
        return read(file).orElseThrow(() -> new LaunchFailure(file + " is empty: delete it and run ./ledger up again"));
    }

    private static Optional<String> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
