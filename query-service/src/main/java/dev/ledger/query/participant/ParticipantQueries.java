package dev.ledger.query.participant;

import dev.ledger.query.access.DebateAccess;
import dev.ledger.query.access.Reader;
import dev.ledger.query.api.Rows;
import dev.ledger.query.api.Views.BeliefView;
import dev.ledger.query.participant.ParticipantBeliefsView.DebateBeliefs;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Repository
@SnapshotRead
class ParticipantQueries {

    private final JdbcClient jdbc;

    ParticipantQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The page of debates the participant joined and the reader may read after the first {@code page.after()},
     * with the participant's beliefs there.
     */
    ParticipantBeliefsView beliefs(String participantId, Reader reader, PageRequest page) {
        record Joined(String debateId, String title, String displayName, long sequence) {
        }
        List<Joined> fetched = jdbc.sql("""
                        SELECT d.debate_id, d.title, p.display_name, g.last_sequence
                        FROM participant p
                        JOIN debate d ON d.debate_id = p.debate_id
                        JOIN debate_progress g ON g.debate_id = p.debate_id
                        WHERE p.participant_id = :participantId AND %s
                        ORDER BY d.opened_at, d.debate_id
                        OFFSET :after LIMIT :fetch""".formatted(DebateAccess.READABLE_DEBATE))
                .param("participantId", participantId)
                .param("handle", reader.handle(), Types.VARCHAR)
                .param("admin", reader.admin())
                .param("after", page.after())
                .param("fetch", page.fetch())
                .query((rs, row) -> new Joined(rs.getString("debate_id"), rs.getString("title"),
                        rs.getString("display_name"), rs.getLong("last_sequence")))
                .list();
        if (fetched.isEmpty() && page.after() == 0) {
            throw new NotFoundException("participantId", "never joined any debate known to the read model");
        }
        PageRequest.Page<Joined> joined = page.pageByPlace(fetched);
        Map<String, List<BeliefView>> beliefsByDebate = new LinkedHashMap<>();
        if (!joined.items().isEmpty()) {
            jdbc.sql("""
                            SELECT b.debate_id, b.claim_id, c.statement, b.credence, b.since, b.sequence, b.rationale, b.because_of
                            FROM current_belief b
                            LEFT JOIN claim c ON c.debate_id = b.debate_id AND c.claim_id = b.claim_id
                            WHERE b.participant_id = :participantId AND b.debate_id IN (:debateIds)
                            ORDER BY b.debate_id, c.sequence, b.claim_id""")
                    .param("participantId", participantId)
                    .param("debateIds", joined.items().stream().map(Joined::debateId).toList())
                    .query((RowCallbackHandler) rs -> beliefsByDebate
                            .computeIfAbsent(rs.getString("debate_id"), id -> new ArrayList<>())
                            .add(new BeliefView(rs.getString("claim_id"), rs.getString("statement"), rs.getDouble("credence"),
                                    Rows.instant(rs, "since"), rs.getLong("sequence"), rs.getString("rationale"),
                                    Rows.strings(rs.getArray("because_of")))));
        }
        List<DebateBeliefs> debates = joined.items().stream()
                .map(d -> new DebateBeliefs(d.debateId(), d.title(), d.displayName(), d.sequence(),
                        beliefsByDebate.getOrDefault(d.debateId(), List.of())))
                .toList();
        return new ParticipantBeliefsView(participantId, debates, joined.nextAfter());
    }
}
