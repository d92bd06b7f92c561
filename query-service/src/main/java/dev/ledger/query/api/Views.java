package dev.ledger.query.api;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the query API. Lists are in the order things happened (event sequence). */
public final class Views {

    private Views() {
    }

    /**
     * One page of the debate's participants, claims and reasons, which share one order (the sequence that added
     * them); {@code nextAfter} is the {@code ?after=} of the next page, null on the last. {@code visibility} is
     * private or public; {@code openedBy} is the owner's handle, null for a debate opened before accounts existed.
     */
    public record DebateView(String debateId, String title, String description, String visibility, String openedBy,
                             Instant openedAt, long sequence,
                             List<ParticipantView> participants, List<ClaimView> claims, List<ReasonView> reasons,
                             Long nextAfter) {
    }

    /** {@code role}: owner, member or observer. */
    public record ParticipantView(String participantId, String displayName, String role, Instant joinedAt) {
    }

    public record ClaimView(String claimId, String statement, String by, Instant statedAt, List<CredenceView> credences) {
    }

    public record CredenceView(String participantId, double credence, Instant since) {
    }

    public record ReasonView(String reasonId, String claimId, String stance, String text, String by, String inReplyTo,
                             Instant proposedAt, List<AcknowledgementView> acknowledgements) {
    }

    public record AcknowledgementView(String by, String kind, String note, Instant at) {
    }

    public record BeliefsView(String debateId, String participantId, String displayName, long sequence,
                              List<BeliefView> beliefs) {
    }

    public record BeliefView(String claimId, String statement, double credence, Instant since, long sequence,
                             String rationale, List<String> becauseOf) {
    }

    /** One page of the changes; {@code nextAfter} is the {@code ?after=} of the next page, null on the last. */
    public record HistoryView(String debateId, String participantId, List<ViewChangeView> changes, Long nextAfter) {
    }

    /**
     * {@code cites}: the reasons of {@code becauseOf}, in the same order, with who proposed them and their stance.
     * {@code engagement}: the participant's engagement coverage on the claim right after this change (against the view
     * it set, counting the reasons it cites).
     */
    public record ViewChangeView(long sequence, String claimId, Double from, double to, Instant at, String rationale,
                                 List<String> becauseOf, List<CitedReason> cites, CoverageView engagement) {

        ViewChangeView withEngagement(CoverageView coverage) {
            return new ViewChangeView(sequence, claimId, from, to, at, rationale, becauseOf, cites, coverage);
        }
    }

    /**
     * Engagement coverage: of the {@code opposing} reasons (on the other side of the participant's view), how many
     * they had {@code engaged} with (acknowledged, replied to or cited); {@code coverage} = engaged / opposing, null
     * when none opposes.
     */
    public record CoverageView(int opposing, int engaged, Double coverage) {
    }

    /** A reason a view change cites. Only reasonId is set if the read model cannot resolve the id (it should). */
    public record CitedReason(String reasonId, String author, String stance, String claimId) {
    }
}
