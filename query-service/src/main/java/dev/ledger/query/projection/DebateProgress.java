package dev.ledger.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The last applied sequence of each debate: the row every event transaction locks first. */
@Repository
class DebateProgress {

    private final JdbcClient jdbc;

    DebateProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the debate's progress row on first sight, then locks it and returns its last applied sequence. */
    long lockLastSequence(String debateId) {
        jdbc.sql("INSERT INTO debate_progress (debate_id) VALUES (:debateId) ON CONFLICT (debate_id) DO NOTHING")
                .param("debateId", debateId)
                .update();
        return jdbc.sql("SELECT last_sequence FROM debate_progress WHERE debate_id = :debateId FOR UPDATE")
                .param("debateId", debateId)
                .query(Long.class)
                .single();
    }

    void advanceTo(String debateId, long sequence) {
        jdbc.sql("UPDATE debate_progress SET last_sequence = :sequence, updated_at = now() WHERE debate_id = :debateId")
                .param("sequence", sequence)
                .param("debateId", debateId)
                .update();
    }
}
