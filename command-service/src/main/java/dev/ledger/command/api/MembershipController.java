package dev.ledger.command.api;

import dev.ledger.command.api.DebateRequests.ChangeRoleRequest;
import dev.ledger.command.api.DebateRequests.InviteRequest;
import dev.ledger.command.api.DebateRequests.JoinRequest;
import dev.ledger.command.api.DebateResponses.SequenceResponse;
import dev.ledger.command.debate.CommandRules;
import dev.ledger.command.debate.DebateCommands.ChangeRole;
import dev.ledger.command.debate.DebateCommands.InviteParticipant;
import dev.ledger.command.debate.DebateCommands.JoinDebate;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who takes part in a debate and in which role: joining as the caller, the owner's invitations and role changes.
 * The rules (who may join a private debate, who may invite) are the debate aggregate's; the owner and the inviting
 * or changing account are always the caller, never a body field.
 */
@RestController
@Tag(name = "Membership", description = "Who takes part in a debate, and in which role: owner, member or observer.")
public class MembershipController {

    private static final String NOT_OWNER = "the caller is not the debate's owner (a debate opened before accounts "
            + "existed has none)";

    private final DebateCommandSender sender;
    private final CommandExecution execution;
    private final ActingParticipant actingParticipant;

    public MembershipController(DebateCommandSender sender, CommandExecution execution, ActingParticipant actingParticipant) {
        this.sender = sender;
        this.execution = execution;
        this.actingParticipant = actingParticipant;
    }

    @Operation(operationId = "joinDebate", summary = "Join a debate as the caller",
            description = "The owner joins as owner; an invited account with its invited role; any other account joins a "
                    + "public debate as a member and is refused (403) by a private one. Joining twice is 409.")
    @Refuses(status = 403, field = "participantId", when = "participantId names someone other than the caller")
    @Refuses(status = 403, field = "participantId", when = "the debate is private and its owner has not invited the caller")
    @Refuses(status = 409, field = "participantId", when = "the participant already joined this debate")
    @Refuses(status = 409, field = "debateId", when = "the debate has reached its cap of participants (the problem's cap "
            + "names it)")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @PostMapping(path = "/debates/{debateId}/participants", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SequenceResponse> join(
            @PathVariable String debateId, @RequestBody JoinRequest body,
            @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key, @AuthenticationPrincipal Caller caller) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String participantId = actingParticipant.resolve(caller, body.participantId(), "participantId");
        return execution.run(caller, debate, key, "POST /debates/" + debate + "/participants", body, SequenceResponse.class, () -> {
            long sequence = sender.send(new JoinDebate(debate, participantId, body.displayName()));
            return Answer.created(new SequenceResponse(sequence));
        }).toResponse();
    }

    @Operation(operationId = "inviteParticipant", summary = "Invite an account to a debate (owner only)",
            description = "The invited handle may then join with that role, in a private debate too. Inviting a handle "
                    + "again with another role replaces its invitation. The caller is the inviting owner.")
    @Refuses(status = 403, field = "invitedBy", when = NOT_OWNER)
    @Refuses(status = 409, field = "handle", when = "the handle already joined this debate, or is already invited with this role")
    @Refuses(status = 409, field = "debateId", when = "participants and open invitations together have reached the debate's "
            + "cap of participants (the problem's cap names it)")
    @Refuses(status = 422, field = "handle", when = "the handle is the owner's, who joins without an invitation")
    @Refuses(status = 422, field = "role", when = "role is owner: a debate has one owner, the account that opened it")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @PostMapping(path = "/debates/{debateId}/invitations", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SequenceResponse> invite(
            @PathVariable String debateId, @RequestBody InviteRequest body,
            @Parameter(description = "makes a retry return the first answer") @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
            @AuthenticationPrincipal Caller caller) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String invitedBy = actingParticipant.resolve(caller, null, "invitedBy");
        return execution.run(caller, debate, key, "POST /debates/" + debate + "/invitations", body, SequenceResponse.class, () -> {
            long sequence = sender.send(new InviteParticipant(debate, body.handle(), body.role(), invitedBy));
            return Answer.created(new SequenceResponse(sequence));
        }).toResponse();
    }

    @Operation(operationId = "changeRole", summary = "Give a participant another role (owner only)",
            description = "member or observer; the owner's own role cannot change and nobody can be made owner. The "
                    + "caller is the changing owner.")
    @Refuses(status = 403, field = "changedBy", when = NOT_OWNER)
    @Refuses(status = 404, field = "participantId", when = "the participant has not joined this debate")
    @Refuses(status = 409, field = "role", when = "the participant already has this role")
    @Refuses(status = 422, field = "participantId", when = "the path names the owner, whose role cannot change")
    @Refuses(status = 422, field = "role", when = "role is owner: a debate has one owner, the account that opened it")
    @ApiResponse(responseCode = "200", description = "Recorded", useReturnTypeSchema = true)
    @PutMapping(path = "/debates/{debateId}/participants/{participantId}/role", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SequenceResponse> changeRole(
            @PathVariable String debateId, @PathVariable String participantId, @RequestBody ChangeRoleRequest body,
            @AuthenticationPrincipal Caller caller) {
        String debate = CommandRules.uuid(debateId, "debateId");
        String changedBy = actingParticipant.resolve(caller, null, "changedBy");
        return execution.run(caller, debate, null, "PUT /debates/" + debate + "/participants/{participantId}/role", body,
                SequenceResponse.class, () -> {
                    long sequence = sender.send(new ChangeRole(debate, participantId, body.role(), changedBy));
                    return Answer.ok(new SequenceResponse(sequence));
                }).toResponse();
    }
}
