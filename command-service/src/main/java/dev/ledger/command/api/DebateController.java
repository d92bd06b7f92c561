package dev.ledger.command.api;

import dev.ledger.command.api.DebateRequests.AcknowledgeRequest;
import dev.ledger.command.api.DebateRequests.OpenDebateRequest;
import dev.ledger.command.api.DebateRequests.ProposeReasonRequest;
import dev.ledger.command.api.DebateRequests.StateClaimRequest;
import dev.ledger.command.api.DebateRequests.UpdateViewRequest;
import dev.ledger.command.api.DebateResponses.ClaimStatedResponse;
import dev.ledger.command.api.DebateResponses.DebateOpenedResponse;
import dev.ledger.command.api.DebateResponses.ReasonProposedResponse;
import dev.ledger.command.api.DebateResponses.SequenceResponse;
import dev.ledger.command.api.DebateResponses.ViewUpdatedResponse;
import dev.ledger.command.debate.CommandRules;
import dev.ledger.command.debate.DebateAggregate;
import dev.ledger.command.debate.DebateCommands.AcknowledgeReason;
import dev.ledger.command.debate.DebateCommands.AcknowledgementOutcome;
import dev.ledger.command.debate.DebateCommands.OpenDebate;
import dev.ledger.command.debate.DebateCommands.ProposeReason;
import dev.ledger.command.debate.DebateCommands.StateClaim;
import dev.ledger.command.debate.DebateCommands.UpdateView;
import dev.ledger.command.debate.DebateCommands.ViewOutcome;
import dev.ledger.command.idempotency.IdempotencyKey;
import dev.ledger.command.participant.ActingParticipant;
import dev.ledger.events.Visibility;
import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The command API of what happens in a debate (who takes part in it: {@link MembershipController}). Each endpoint
 * parses ids, resolves the acting participant (the authenticated caller), and sends one command through
 * {@link CommandExecution} (unit of work and transaction, Idempotency-Key, retries on concurrent change).
 */
@RestController
@Tag(name = "Debates", description = "Commands that record what happens in a debate. Each answers the debate sequence of "
        + "the event it wrote; pass it to the query API as ?minSequence= to read your own write.")
public class DebateController {

    /** Why an observer's write is refused: the role lets them read, not write. */
    static final String OBSERVER = "the caller observes this debate: an observer may read it, not write in it";
    /** Why a view update on a resolved claim is refused, and what to do. */
    static final String CLAIM_RESOLVED = "the claim is resolved, so its views are frozen (problem type "
            + "urn:ledger:problem:" + DebateAggregate.CLAIM_RESOLVED_KIND + "); ask the debate's owner to annul the resolution";

    private final DebateCommandSender sender;
    private final CommandExecution execution;
    private final ActingParticipant actingParticipant;

    public DebateController(DebateCommandSender sender, CommandExecution execution, ActingParticipant actingParticipant) {
        this.sender = sender;
        this.execution = execution;
        this.actingParticipant = actingParticipant;
    }

    @Operation(operationId = "openDebate", summary = "Open a debate",
            description = "The caller becomes its owner, who joins it (POST /debates/{debateId}/participants) as owner "
                    + "without an invitation. visibility is "
                    + "\"private\" (the default: only its participants, invited accounts and admins may read it; only invited "
                    + "accounts may join) or \"public\" (anyone may read it, any account may join as a member). Answers 201 "
                    + "with the new debateId and sequence 1.")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @PostMapping(path = "/debates", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<DebateOpenedResponse> open(
            @RequestBody OpenDebateRequest body,
            @Parameter(description = "makes a retry return the first answer") @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @AuthenticationPrincipal Caller caller) {
        String owner = actingParticipant.resolve(caller, null, "openedBy");
        Visibility visibility = body.visibility() == null ? Visibility.PRIVATE : body.visibility();
        return execution.run(caller, null, key, "POST /debates", body, DebateOpenedResponse.class, () -> {
            String debateId = UUID.randomUUID().toString();
            sender.send(new OpenDebate(debateId, body.title(), body.description(), owner, visibility));
            return Answer.created(new DebateOpenedResponse(debateId, 1));
        }).toResponse();
    }

    @Operation(operationId = "stateClaim", summary = "State a claim")
    @Refuses(status = 403, field = "by", when = "by names someone other than the caller")
    @Refuses(status = 403, field = "by", when = OBSERVER)
    @Refuses(status = 404, field = "by", when = "the author has not joined this debate")
    @Refuses(status = 409, field = "debateId", when = "the debate has reached its cap of claims (the problem's cap names it)")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @PostMapping(path = "/debates/{debateId}/claims", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ClaimStatedResponse> stateClaim(
            @PathVariable String debateId, @RequestBody StateClaimRequest body,
            @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key, @AuthenticationPrincipal Caller caller) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String by = actingParticipant.resolve(caller, body.by(), "by");
        return execution.run(caller, debate, key, "POST /debates/" + debate + "/claims", body, ClaimStatedResponse.class, () -> {
            String claimId = UUID.randomUUID().toString();
            long sequence = sender.send(new StateClaim(debate, claimId, body.statement(), by));
            return Answer.created(new ClaimStatedResponse(claimId, sequence));
        }).toResponse();
    }

    @Operation(operationId = "proposeReason", summary = "Propose a reason for or against a claim",
            description = "The same author posting the same text on the same claim again (ignoring case and white space) is 409 "
                    + "with existingReasonId. inReplyTo must be a reason on the same claim (422 otherwise).")
    @Refuses(status = 403, field = "by", when = "by names someone other than the caller")
    @Refuses(status = 403, field = "by", when = OBSERVER)
    @Refuses(status = 404, field = "by", when = "the author has not joined this debate")
    @Refuses(status = 404, field = "claimId", when = "the claim does not exist in this debate")
    @Refuses(status = 404, field = "inReplyTo", when = "the reason replied to does not exist in this debate")
    @Refuses(status = 409, field = "text", when = "the author already proposed this text on this claim (the problem's "
            + "existingReasonId names that reason)")
    @Refuses(status = 409, field = "debateId", when = "the debate has reached its cap of reasons (the problem's cap names it)")
    @Refuses(status = 422, field = "inReplyTo", when = "the reason replied to is about another claim")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @PostMapping(path = "/debates/{debateId}/reasons", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ReasonProposedResponse> proposeReason(
            @PathVariable String debateId, @RequestBody ProposeReasonRequest body,
            @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key, @AuthenticationPrincipal Caller caller) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String by = actingParticipant.resolve(caller, body.by(), "by");
        return execution.run(caller, debate, key, "POST /debates/" + debate + "/reasons", body, ReasonProposedResponse.class, () -> {
            String reasonId = UUID.randomUUID().toString();
            long sequence = sender.send(new ProposeReason(
                    debate, reasonId, body.claimId(), body.stance(), body.text(), by, body.inReplyTo()));
            return Answer.created(new ReasonProposedResponse(reasonId, sequence));
        }).toResponse();
    }

    @Operation(operationId = "acknowledgeReason", summary = "Acknowledge someone else's reason",
            description = "201 when recorded; 200 with the original sequence when the same participant already acknowledged "
                    + "it with the same kind (nothing written). Acknowledging one's own reason is 422.")
    @Refuses(status = 403, field = "by", when = "by names someone other than the caller")
    @Refuses(status = 403, field = "by", when = OBSERVER)
    @Refuses(status = 404, field = "by", when = "the acknowledging participant has not joined this debate")
    @Refuses(status = 404, field = "reasonId", when = "the reason does not exist in this debate")
    @Refuses(status = 422, field = "by", when = "the participant proposed this reason and cannot acknowledge it")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "Already acknowledged with this kind: nothing written", useReturnTypeSchema = true)
    @PostMapping(path = "/debates/{debateId}/reasons/{reasonId}/acknowledgements", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SequenceResponse> acknowledge(
            @PathVariable String debateId, @PathVariable String reasonId, @RequestBody AcknowledgeRequest body,
            @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key, @AuthenticationPrincipal Caller caller) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String reason = CommandRules.uuid(reasonId, "reasonId");
        String by = actingParticipant.resolve(caller, body.by(), "by");
        return execution.run(caller, debate, key, "POST /debates/" + debate + "/reasons/" + reason + "/acknowledgements", body,
                SequenceResponse.class, () -> {
                    AcknowledgementOutcome outcome = sender.send(new AcknowledgeReason(debate, reason, by, body.kind(), body.note()));
                    SequenceResponse response = new SequenceResponse(outcome.sequence());
                    return outcome.recorded() ? Answer.created(response) : Answer.ok(response);
                }).toResponse();
    }

    @Operation(operationId = "updateView", summary = "Set the caller's view (credence) on a claim",
            description = "Repeating the current view (same credence, rationale and becauseOf list) writes nothing and answers "
                    + "the sequence and previous of the event that set it. Unknown becauseOf reasons are 404. The path's "
                    + "participantId must be the caller's handle; PUT /debates/{debateId}/views/{claimId} leaves it out.")
    @Refuses(status = 403, field = "participantId", when = "the path names someone other than the caller")
    @Refuses(status = 403, field = "participantId", when = OBSERVER)
    @Refuses(status = 404, field = "participantId", when = "the participant has not joined this debate")
    @Refuses(status = 404, field = "claimId", when = "the claim does not exist in this debate")
    @Refuses(status = 404, field = "becauseOf[0]", when = "a reason named in becauseOf does not exist in this debate")
    @Refuses(status = 409, field = "claimId", kind = DebateAggregate.CLAIM_RESOLVED_KIND, when = CLAIM_RESOLVED)
    @PutMapping(path = "/debates/{debateId}/participants/{participantId}/views/{claimId}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ViewUpdatedResponse> updateView(
            @PathVariable String debateId, @PathVariable String participantId, @PathVariable String claimId,
            @RequestBody UpdateViewRequest body, @AuthenticationPrincipal Caller caller) {
        return updateView(caller, actingParticipant.resolve(caller, participantId, "participantId"), debateId, claimId, body);
    }

    @Operation(operationId = "updateOwnView", summary = "Set the caller's view (credence) on a claim",
            description = "The same as PUT /debates/{debateId}/participants/{participantId}/views/{claimId} with the caller's "
                    + "own handle.")
    @Refuses(status = 403, field = "participantId", when = OBSERVER)
    @Refuses(status = 404, field = "participantId", when = "the caller has not joined this debate")
    @Refuses(status = 404, field = "claimId", when = "the claim does not exist in this debate")
    @Refuses(status = 404, field = "becauseOf[0]", when = "a reason named in becauseOf does not exist in this debate")
    @Refuses(status = 409, field = "claimId", kind = DebateAggregate.CLAIM_RESOLVED_KIND, when = CLAIM_RESOLVED)
    @PutMapping(path = "/debates/{debateId}/views/{claimId}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ViewUpdatedResponse> updateOwnView(
            @PathVariable String debateId, @PathVariable String claimId, @RequestBody UpdateViewRequest body,
            @AuthenticationPrincipal Caller caller) {
        return updateView(caller, actingParticipant.resolve(caller, null, "participantId"), debateId, claimId, body);
    }

    private ResponseEntity<ViewUpdatedResponse> updateView(Caller caller, String participant, String debateId, String claimId,
                                                          UpdateViewRequest body) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String claim = CommandRules.uuid(claimId, "claimId");
        String request = "PUT /debates/" + debate + "/participants/{participantId}/views/" + claim;
        return execution.run(caller, debate, null, request, body, ViewUpdatedResponse.class, () -> {
            ViewOutcome outcome = sender.send(new UpdateView(
                    debate, participant, claim, body.credence(), body.rationale(), body.becauseOf()));
            return Answer.ok(new ViewUpdatedResponse(outcome.sequence(), outcome.previous()));
        }).toResponse();
    }

}
