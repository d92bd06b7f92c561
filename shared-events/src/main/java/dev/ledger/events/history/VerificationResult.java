package dev.ledger.events.history;

import java.util.List;

/** What a check of a debate's history found: valid, invalid (with the first fault), or input it could not use. */
public sealed interface VerificationResult {

    /** 0 valid, 1 invalid, 2 unusable: the exit codes of {@code ./ledger verify}. */
    int exitCode();

    /** One line for a person: what was checked and found. */
    String message();

    /** Notes that do not change the outcome, e.g. that the key used came from the bundle itself. */
    List<String> warnings();

    default boolean isValid() {
        return this instanceof Valid;
    }

    /** Every leaf and the root recomputed and matching; {@code keyUsed} is the verifier key label, null if no signature was checked. */
    record Valid(String debateId, long treeSize, String rootHash, String keyUsed, List<String> warnings)
            implements VerificationResult {

        public Valid {
            warnings = List.copyOf(warnings);
        }

        @Override
        public int exitCode() {
            return 0;
        }

        @Override
        public String message() {
            return "valid: debate " + debateId + ", " + treeSize + " events, root " + rootHash
                    + (keyUsed == null ? "" : ", signed by " + keyUsed);
        }
    }

    /**
     * The history does not match what it claims. {@code sequence} and {@code eventId} name the first event at fault
     * when there is one (null otherwise); {@code reason} is the whole sentence, naming them too.
     */
    record Invalid(String reason, Long sequence, String eventId, List<String> warnings) implements VerificationResult {

        public Invalid {
            warnings = List.copyOf(warnings);
        }

        @Override
        public int exitCode() {
            return 1;
        }

        @Override
        public String message() {
            return "invalid: " + reason;
        }

        Invalid withWarnings(List<String> more) {
            return new Invalid(reason, sequence, eventId, concat(warnings, more));
        }
    }

    /** The input could not be read as a bundle, a key or a checkpoint at all. */
    record Unusable(String reason) implements VerificationResult {

        @Override
        public int exitCode() {
            return 2;
        }

        @Override
        public String message() {
            return "unusable input: " + reason;
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
