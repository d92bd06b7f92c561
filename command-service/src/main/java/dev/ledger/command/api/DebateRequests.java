package dev.ledger.command.api;

import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.Role;
import dev.ledger.events.Stance;
import dev.ledger.events.Visibility;
import dev.ledger.web.request.Formats;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** JSON request bodies. Unknown fields are refused (400); the rules on values live in the aggregate. */
public final class DebateRequests {

    /** Every command acts as its caller; a body may still name the actor, but only as the caller. */
    static final String ACTOR = "optional: the caller's handle (the request acts as the caller; naming anyone else is 403)";

    private DebateRequests() {
    }

    public record OpenDebateRequest(
            @Schema(example = "Should we adopt event sourcing?", maxLength = 500) String title,
            @Schema(example = "For the billing service", maxLength = 10_000, nullable = true) String description,
            @Schema(allowableValues = {"private", "public"}, nullable = true, defaultValue = "private",
                    description = "who may read it: private (its participants, invited accounts, admins) or public (anyone)")
            Visibility visibility) {
    }

    public record InviteRequest(
            @Schema(example = "bob", pattern = Formats.PARTICIPANT_ID, description = "the account invited") String handle,
            @Schema(allowableValues = {"member", "observer"}, description = "the role it joins with") Role role) {
    }

    public record ChangeRoleRequest(@Schema(allowableValues = {"member", "observer"}) Role role) {
    }

    public record JoinRequest(
            @Schema(example = "alice", pattern = Formats.PARTICIPANT_ID, nullable = true, description = ACTOR) String participantId,
            @Schema(example = "Alice", maxLength = 200) String displayName) {
    }

    public record StateClaimRequest(
            @Schema(example = "Event sourcing makes audits cheap") String statement,
            @Schema(example = "alice", nullable = true, description = ACTOR) String by) {
    }

    public record ProposeReasonRequest(
            @Schema(example = "3f2c1e9a-8d4b-4c1e-9f6a-2b7d5e8c0a13") String claimId,
            @Schema(allowableValues = {"for", "against"}) Stance stance,
            @Schema(example = "Every change is recorded with who and when") String text,
            @Schema(example = "alice", nullable = true, description = ACTOR) String by,
            @Schema(nullable = true, description = "a reason on the same claim") String inReplyTo) {
    }

    public record AcknowledgeRequest(
            @Schema(example = "alice", nullable = true, description = ACTOR) String by,
            @Schema(allowableValues = {"noted", "conceded"}) AcknowledgementKind kind,
            @Schema(nullable = true, example = "Fair point, though it costs storage") String note) {
    }

    public record ResolveRequest(
            @Schema(example = "true", description = "true if the claim turned out true, false if it did not") Boolean outcome,
            @Schema(nullable = true, maxLength = 10_000, example = "The migration finished on Thursday evening")
            String note) {
    }

    public record AnnulResolutionRequest(
            @Schema(maxLength = 10_000, example = "Resolved too early: the last shard had not moved yet",
                    description = "why the resolution is withdrawn (required)") String note) {
    }

    public record UpdateViewRequest(
            @Schema(example = "0.7", minimum = "0", maximum = "1") Double credence,
            @Schema(nullable = true, example = "The audit argument convinced me") String rationale,
            @ArraySchema(arraySchema = @Schema(nullable = true, description = "the reasons that moved the participant"),
                    maxItems = 100, schema = @Schema(example = "9b1d4c2e-7a3f-4e8b-b6d5-0c1e2f3a4b5c")) List<String> becauseOf) {
    }
}
