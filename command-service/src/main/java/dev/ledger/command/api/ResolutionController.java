package dev.ledger.command.api;

import dev.ledger.command.api.DebateRequests.AnnulResolutionRequest;
import dev.ledger.command.api.DebateRequests.ResolveRequest;
import dev.ledger.command.api.DebateResponses.SequenceResponse;
import dev.ledger.command.debate.CommandRules;
import dev.ledger.command.debate.DebateCommands.AnnulResolution;
import dev.ledger.command.debate.DebateCommands.ResolveClaim;
import dev.ledger.command.idempotency.IdempotencyKey;
import dev.ledger.command.participant.ActingParticipant;
import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What turned out true about a claim: the owner resolves it and may annul the resolution. The rules (who resolves, a
 * claim resolved once at a time, views frozen while resolved) are the debate aggregate's; the resolving account is
 * always the caller. docs/scoring.md says what a resolution scores.
 */
@RestController
@Tag(name = "Resolution", description = "The debate's owner declares what turned out true about a claim, which lets the "
        + "query API score the participants' views and credit the reasons that moved them.")
public class ResolutionController {

    private static final String PATH = "/debates/{debateId}/claims/{claimId}/resolution";
    private static final String NOT_RESOLVER = "the caller is not the debate's owner (in a debate opened before accounts, "
            + "which has none: the caller is not an admin)";

    private final DebateCommandSender sender;
    private final CommandExecution execution;
    private final ActingParticipant actingParticipant;

    public ResolutionController(DebateCommandSender sender, CommandExecution execution, ActingParticipant actingParticipant) {
        this.sender = sender;
        this.execution = execution;
        this.actingParticipant = actingParticipant;
    }

    @Operation(operationId = "resolveClaim", summary = "Resolve a claim true or false (owner only)",
            description = "Records what turned out true, with an optional note. While the claim is resolved its views are "
                    + "frozen (updating one is 409 claim-resolved); reasons and acknowledgements stay open. Resolving a "
                    + "resolved claim is 409: annul the resolution first. In a debate opened before accounts (no owner) an "
                    + "admin resolves. Answers 201 with the sequence of ClaimResolved.")
    @Refuses(status = 400, field = "outcome", when = "outcome is missing or not true or false")
    @Refuses(status = 403, field = "resolvedBy", when = NOT_RESOLVER)
    @Refuses(status = 404, field = "claimId", when = "the claim does not exist in this debate")
    @Refuses(status = 409, field = "claimId", when = "the claim is already resolved (annul the resolution first)")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SequenceResponse> resolve(
            @PathVariable String debateId, @PathVariable String claimId, @RequestBody ResolveRequest body,
            @Parameter(description = "makes a retry return the first answer") @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @AuthenticationPrincipal Caller caller) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String claim = CommandRules.uuid(claimId, "claimId");
        String resolvedBy = actingParticipant.resolve(caller, null, "resolvedBy");
        return execution.run(caller, debate, key, "POST " + path(debate, claim), body, SequenceResponse.class, () -> {
            long sequence = sender.send(new ResolveClaim(debate, claim, body.outcome(), body.note(), resolvedBy, caller.admin()));
            return Answer.created(new SequenceResponse(sequence));
        }).toResponse();
    }

    @Operation(operationId = "annulResolution", summary = "Annul a claim's resolution (owner only)",
            description = "Withdraws the current resolution; the body's note, saying why, is required. The claim is open "
                    + "again: views may change and it may be resolved anew. Scores are computed for the resolution in force "
                    + "only. Answers 200 with the sequence of ClaimResolutionAnnulled.")
    @Refuses(status = 400, field = "note", when = "the note is missing or blank")
    @Refuses(status = 403, field = "annulledBy", when = NOT_RESOLVER)
    @Refuses(status = 404, field = "claimId", when = "the claim does not exist in this debate")
    @Refuses(status = 409, field = "claimId", when = "the claim is not resolved: there is no resolution to annul")
    @ApiResponse(responseCode = "200", description = "Recorded", useReturnTypeSchema = true)
    @DeleteMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SequenceResponse> annul(
            @PathVariable String debateId, @PathVariable String claimId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "why the resolution is annulled")
            @RequestBody AnnulResolutionRequest body,
            @Parameter(description = "makes a retry return the first answer") @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @AuthenticationPrincipal Caller caller) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String claim = CommandRules.uuid(claimId, "claimId");
        String annulledBy = actingParticipant.resolve(caller, null, "annulledBy");
        return execution.run(caller, debate, key, "DELETE " + path(debate, claim), body, SequenceResponse.class, () -> {
            long sequence = sender.send(new AnnulResolution(debate, claim, body.note(), annulledBy, caller.admin()));
            return Answer.ok(new SequenceResponse(sequence));
        }).toResponse();
    }

    private static String path(String debateId, String claimId) {
        return "/debates/" + debateId + "/claims/" + claimId + "/resolution";
    }
}
