package dev.ledger.query.rebuild;

import java.util.List;
import java.util.Set;

/**
 * Every table of the read model: what a rebuild recreates and swaps, and what the checksum covers. Each
 * table Flyway creates in {@code public} (except flyway_schema_history) must be listed here (or in
 * {@link #NOT_PROJECTED}); ReadModelTablesTest fails otherwise. {@code wallClock} columns record when this reader did something, not what the events say,
 * so they are left out of the checksum.
 */
public final class ReadModelTables {

    public record Table(String name, List<String> primaryKey, Set<String> wallClock) {
    }

    public static final List<Table> ALL = List.of(
            new Table("debate_progress", List.of("debate_id"), Set.of("updated_at")),
            new Table("debate", List.of("debate_id"), Set.of()),
            new Table("participant", List.of("debate_id", "participant_id"), Set.of()),
            new Table("invitation", List.of("debate_id", "handle"), Set.of()),
            new Table("claim", List.of("debate_id", "claim_id"), Set.of()),
            new Table("reason", List.of("debate_id", "reason_id"), Set.of()),
            new Table("acknowledgement", List.of("debate_id", "reason_id", "participant_id"), Set.of()),
            new Table("current_belief", List.of("debate_id", "participant_id", "claim_id"), Set.of()),
            new Table("view_change", List.of("debate_id", "sequence"), Set.of()),
            new Table("claim_resolution", List.of("debate_id", "sequence"), Set.of()),
            new Table("pending_event", List.of("debate_id", "sequence"), Set.of("received_at")),
            new Table("skipped_event", List.of("debate_id", "sequence"), Set.of("skipped_at")),
            new Table("timeline_entry", List.of("debate_id", "sequence"), Set.of()));

    /**
     * Tables in {@code public} that are no read model: the web view's sign-in state (V7__web_sign_in.sql), which no
     * event describes, so a rebuild keeps them as they are and the checksum leaves them out.
     */
    public static final Set<String> NOT_PROJECTED = Set.of("one_time_tokens", "user_entities", "user_credentials");

    private ReadModelTables() {
    }
}
