package dev.ledger.query.web;

import dev.ledger.query.api.DebateQueries;
import dev.ledger.query.api.Views.ClaimView;
import dev.ledger.query.api.Views.DebateView;
import dev.ledger.query.api.Views.ParticipantView;
import dev.ledger.query.api.Views.ReasonView;
import dev.ledger.web.request.PageRequest;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A debate with all of its participants, claims and reasons, read page after page through the same query the API
 * serves. The debate's own caps bound it (see docs/api.md, Limits); {@link #MAX_PAGES} bounds it again, and
 * {@code complete} says whether everything was read.
 */
@Component
class WholeDebate {

    static final int MAX_PAGES = 30;

    private final DebateQueries queries;

    WholeDebate(DebateQueries queries) {
        this.queries = queries;
    }

    public record Debate(DebateView header, List<ParticipantView> participants, List<ClaimView> claims, List<ReasonView> reasons,
                  boolean complete) {

        public Optional<ParticipantView> participant(String handle) {
            return handle == null ? Optional.empty()
                    : participants.stream().filter(p -> p.participantId().equals(handle)).findFirst();
        }

        public List<ReasonView> reasonsOn(String claimId) {
            return reasons.stream().filter(r -> r.claimId().equals(claimId)).toList();
        }

        public String displayName(String participantId) {
            return participant(participantId).map(ParticipantView::displayName).orElse(participantId);
        }
    }

    Debate read(String debateId) {
        List<ParticipantView> participants = new ArrayList<>();
        List<ClaimView> claims = new ArrayList<>();
        List<ReasonView> reasons = new ArrayList<>();
        DebateView first = null;
        Long after = 0L;
        for (int pages = 0; after != null && pages < MAX_PAGES; pages++) {
            DebateView page = queries.debate(debateId, new PageRequest(PageRequest.MAX_LIMIT, after));
            if (first == null) {
                first = page;
            }
            participants.addAll(page.participants());
            claims.addAll(page.claims());
            reasons.addAll(page.reasons());
            after = page.nextAfter();
        }
        return new Debate(first, List.copyOf(participants), List.copyOf(claims), List.copyOf(reasons), after == null);
    }
}
