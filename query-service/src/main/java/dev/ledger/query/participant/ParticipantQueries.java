package dev.ledger.query.participant;

import dev.ledger.web.security.Reader;
import dev.ledger.query.api.Rows;
import dev.ledger.query.api.Views.BeliefView;
import dev.ledger.query.participant.JoinedDebates.Joined;
import dev.ledger.query.participant.ParticipantBeliefsView.DebateBeliefs;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Repository
@SnapshotRead
class ParticipantQueries {

    private final JdbcClient jdbc;
    private final JoinedDebates joinedDebates;

    ParticipantQueries(JdbcClient jdbc, JoinedDebates joinedDebates) {
        this.jdbc = jdbc;
        this.joinedDebates = joinedDebates;
    }

    /**
     * The page of debates the participant joined and the reader may read after the first {@code page.after()},
     * with the participant's beliefs there.
     */
    ParticipantBeliefsView beliefs(String participantId, Reader reader, PageRequest page) {
        PageRequest.Page<Joined> joined = joinedDebates.page(participantId, reader, page);
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
