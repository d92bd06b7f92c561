package dev.ledger.command.debate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.ledger.command.debate.DebateCommands.AcknowledgeReason;
import dev.ledger.command.debate.DebateCommands.AcknowledgementOutcome;
import dev.ledger.command.debate.DebateCommands.AnnulResolution;
import dev.ledger.command.debate.DebateCommands.ChangeRole;
import dev.ledger.command.debate.DebateCommands.InviteParticipant;
import dev.ledger.command.debate.DebateCommands.JoinDebate;
import dev.ledger.command.debate.DebateCommands.OpenDebate;
import dev.ledger.command.debate.DebateCommands.ProposeReason;
import dev.ledger.command.debate.DebateCommands.ResolveClaim;
import dev.ledger.command.debate.DebateCommands.StateClaim;
import dev.ledger.command.debate.DebateCommands.UpdateView;
import dev.ledger.command.debate.DebateCommands.ViewOutcome;
import dev.ledger.command.problem.DomainException.Conflict;
import dev.ledger.command.problem.DomainException.Forbidden;
import dev.ledger.command.problem.DomainException.Invalid;
import dev.ledger.command.problem.DomainException.NotFound;
import dev.ledger.command.problem.DomainException.Unprocessable;
import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.ClaimResolutionAnnulled;
import dev.ledger.events.ClaimResolved;
import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.ParticipantInvited;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.ParticipantRoleChanged;
import dev.ledger.events.ReasonAcknowledged;
import dev.ledger.events.ReasonProposed;
import dev.ledger.events.Role;
import dev.ledger.events.ViewUpdated;
import dev.ledger.events.Visibility;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One debate, event-sourced: every rule of the ledger is checked here against state rebuilt only from the
 * debate's own events. Command handlers return the debate sequence (1, 2, ...) of the event they applied.
 * <p>
 * The fields are serialized as they are (field visibility) when Axon takes a snapshot.
 * {@code inReplyTo} must name a reason on the same claim: a reply elsewhere is refused with 422.
 * <p>
 * Roles: the opener owns the debate and joins as owner without an invitation; in a private debate only invited
 * handles join (with the invited role), in a public one anyone joins as a member (or with an invited role). Only the
 * owner invites and changes roles; observers may not write. The caps of {@link DebateLimits} bound its size.
 * <p>
 * Resolution: the owner resolves a claim (true or false) and may annul the resolution, after which the claim may be
 * resolved again. A debate opened before accounts has no owner, so there an admin account resolves and annuls; in a
 * debate with an owner nobody else does, admins included (as with invitations). While a claim is resolved its views
 * are frozen (409), so every participant's score covers the same period; reasons and acknowledgements stay open.
 */
@Aggregate(snapshotTriggerDefinition = "debateSnapshotTrigger", cache = "debateCache", lockFactory = "debateLockFactory")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class DebateAggregate {

    /** The problem kind (urn:ledger:problem:claim-resolved) of a view update refused because its claim is resolved. */
    public static final String CLAIM_RESOLVED_KIND = "claim-resolved";

    @AggregateIdentifier
    private String debateId;
    /** The sequence (1-based) of the last event applied. */
    private long lastSequence;
    /** The opener's handle; null for a debate opened before accounts existed (nobody may invite or change roles). */
    private String owner;
    /**
     * PUBLIC until DebateOpened says otherwise: a snapshot taken before visibility existed has no such field, and
     * such a debate was opened before accounts, so it is public (as its upcast DebateOpened says).
     */
    private Visibility visibility = Visibility.PUBLIC;
    private Set<String> participants = new HashSet<>();
    /** participantId -> role; a participant missing here joined in a snapshot taken before roles: a member. */
    private Map<String, Role> roles = new HashMap<>();
    /** handle -> the role it was invited with, until it joins. */
    private Map<String, Role> invitations = new HashMap<>();
    private Set<String> claims = new HashSet<>();
    private Map<String, ReasonFacts> reasons = new HashMap<>();
    /** claimId|author|normalized text -> reasonId. */
    private Map<String, String> reasonIdsByFingerprint = new HashMap<>();
    /** reasonId|participantId -> the latest acknowledgement. */
    private Map<String, Acknowledgement> acknowledgements = new HashMap<>();
    /** participantId|claimId -> the current view. */
    private Map<String, CurrentView> views = new HashMap<>();
    /** claimId -> the outcome of its current resolution; a claim missing here is open (never resolved, or annulled). */
    private Map<String, Boolean> outcomes = new HashMap<>();

    record ReasonFacts(String claimId, String author) {
    }

    record Acknowledgement(AcknowledgementKind kind, long sequence) {
    }

    record CurrentView(double credence, Double previous, String rationale, List<String> becauseOf, long sequence) {
    }

    protected DebateAggregate() {
        // for Axon (event sourcing) and Jackson (snapshots)
    }

    @CommandHandler
    public DebateAggregate(OpenDebate command) {
        String title = CommandRules.requiredText(command.title(), "title", CommandRules.TITLE_MAX);
        String description = CommandRules.optionalText(command.description(), "description", CommandRules.LONG_TEXT_MAX);
        String openedBy = command.openedBy() == null ? null : CommandRules.participantId(command.openedBy(), "openedBy");
        if (command.visibility() == null) {
            throw new Invalid("visibility", "is required: \"private\" or \"public\"");
        }
        apply(new DebateOpened(command.debateId(), title, description, openedBy, command.visibility()));
    }

    @CommandHandler
    public long handle(JoinDebate command, DebateLimits limits) {
        String participantId = CommandRules.participantId(command.participantId(), "participantId");
        String displayName = CommandRules.requiredText(command.displayName(), "displayName", CommandRules.DISPLAY_NAME_MAX);
        if (participants.contains(participantId)) {
            throw new Conflict("participantId", "participant " + participantId + " already joined this debate");
        }
        Role role;
        if (participantId.equals(owner)) {
            role = Role.OWNER;
        } else if (invitations.containsKey(participantId)) {
            role = invitations.get(participantId);
        } else if (visibility == Visibility.PUBLIC) {
            role = Role.MEMBER;
        } else {
            throw new Forbidden("participantId", "this debate is private: only accounts its owner invited may join");
        }
        if (participants.size() >= limits.maxParticipants()) {
            throw capReached("max-participants", limits.maxParticipants(), "participants");
        }
        apply(new ParticipantJoined(debateId, participantId, displayName, role));
        return lastSequence;
    }

    @CommandHandler
    public long handle(InviteParticipant command, DebateLimits limits) {
        String invitedBy = requireOwner(command.invitedBy(), "invitedBy", "invite");
        String handle = CommandRules.participantId(command.handle(), "handle");
        Role role = assignableRole(command.role());
        if (handle.equals(owner)) {
            throw new Unprocessable("handle", handle + " owns this debate and joins it without an invitation");
        }
        if (participants.contains(handle)) {
            throw new Conflict("handle", handle + " already joined this debate; change their role instead");
        }
        if (invitations.get(handle) == role) {
            throw new Conflict("handle", handle + " is already invited as " + role.wireName());
        }
        // every open invitation may become a participant, so together they stay within the participants' cap
        if (!invitations.containsKey(handle) && participants.size() + invitations.size() >= limits.maxParticipants()) {
            throw capReached("max-participants", limits.maxParticipants(), "participants and open invitations");
        }
        apply(new ParticipantInvited(debateId, handle, role, invitedBy));
        return lastSequence;
    }

    @CommandHandler
    public long handle(ChangeRole command) {
        String changedBy = requireOwner(command.changedBy(), "changedBy", "change roles");
        String participantId = requireParticipant(command.participantId(), "participantId");
        Role role = assignableRole(command.role());
        if (participantId.equals(changedBy)) {
            throw new Unprocessable("participantId", "the owner cannot change their own role");
        }
        if (roleOf(participantId) == role) {
            throw new Conflict("role", participantId + " is already " + role.wireName() + " in this debate");
        }
        apply(new ParticipantRoleChanged(debateId, participantId, role, changedBy));
        return lastSequence;
    }

    @CommandHandler
    public long handle(StateClaim command, DebateLimits limits) {
        String by = requireWriter(command.by(), "by");
        String statement = CommandRules.requiredText(command.statement(), "statement", CommandRules.LONG_TEXT_MAX);
        if (claims.size() >= limits.maxClaims()) {
            throw capReached("max-claims", limits.maxClaims(), "claims");
        }
        apply(new ClaimStated(debateId, command.claimId(), statement, by));
        return lastSequence;
    }

    @CommandHandler
    public long handle(ProposeReason command, DebateLimits limits) {
        String by = requireWriter(command.by(), "by");
        if (command.stance() == null) {
            throw new Invalid("stance", "is required: \"for\" or \"against\"");
        }
        String text = CommandRules.requiredText(command.text(), "text", CommandRules.LONG_TEXT_MAX);
        String claimId = requireClaim(command.claimId(), "claimId");
        String inReplyTo = null;
        if (command.inReplyTo() != null) {
            inReplyTo = requireReason(command.inReplyTo(), "inReplyTo");
            String repliedClaim = reasons.get(inReplyTo).claimId();
            if (!repliedClaim.equals(claimId)) {
                throw new Unprocessable("inReplyTo", "reason " + inReplyTo + " is about claim " + repliedClaim
                        + ", not " + claimId + "; a reply must be on the same claim as the reason it answers");
            }
        }
        String existing = reasonIdsByFingerprint.get(fingerprint(claimId, by, text));
        if (existing != null) {
            throw new Conflict("text", by + " already proposed this reason on claim " + claimId + " as reason " + existing
                    + "; nothing was recorded: refer to " + existing + " instead of posting it again",
                    Map.of("existingReasonId", existing));
        }
        if (reasons.size() >= limits.maxReasons()) {
            throw capReached("max-reasons", limits.maxReasons(), "reasons");
        }
        apply(new ReasonProposed(debateId, command.reasonId(), claimId, command.stance(), text, by, inReplyTo));
        return lastSequence;
    }

    @CommandHandler
    public AcknowledgementOutcome handle(AcknowledgeReason command) {
        String by = requireWriter(command.by(), "by");
        if (command.kind() == null) {
            throw new Invalid("kind", "is required: \"noted\" or \"conceded\"");
        }
        String note = CommandRules.optionalText(command.note(), "note", CommandRules.LONG_TEXT_MAX);
        String reasonId = requireReason(command.reasonId(), "reasonId");
        if (reasons.get(reasonId).author().equals(by)) {
            throw new Unprocessable("by", "participant " + by + " proposed reason " + reasonId
                    + " and cannot acknowledge their own reason");
        }
        Acknowledgement previous = acknowledgements.get(reasonId + "|" + by);
        if (previous != null && previous.kind() == command.kind()) {
            return new AcknowledgementOutcome(previous.sequence(), false);
        }
        apply(new ReasonAcknowledged(debateId, reasonId, by, command.kind(), note));
        return new AcknowledgementOutcome(lastSequence, true);
    }

    @CommandHandler
    public ViewOutcome handle(UpdateView command) {
        String participantId = requireWriter(command.participantId(), "participantId");
        String claimId = requireClaim(command.claimId(), "claimId");
        Boolean outcome = outcomes.get(claimId);
        if (outcome != null) {
            throw new Conflict("claimId", CLAIM_RESOLVED_KIND, "claim " + claimId + " is resolved (" + outcome + "), so its views "
                    + "are frozen and every participant's score covers the same period; nothing was recorded. To change a "
                    + "view, ask the debate's owner to annul the resolution (DELETE /debates/" + debateId + "/claims/"
                    + claimId + "/resolution)");
        }
        double credence = CommandRules.credence(command.credence());
        String rationale = CommandRules.optionalText(command.rationale(), "rationale", CommandRules.LONG_TEXT_MAX);
        List<String> becauseOf = existingDistinctReasons(command.becauseOf());
        CurrentView current = views.get(participantId + "|" + claimId);
        if (current != null && current.credence() == credence && Objects.equals(current.rationale(), rationale)
                && current.becauseOf().equals(becauseOf)) {
            return new ViewOutcome(current.sequence(), current.previous());
        }
        Double previous = current == null ? null : current.credence();
        apply(new ViewUpdated(debateId, participantId, claimId, credence, previous, rationale, becauseOf));
        return new ViewOutcome(lastSequence, previous);
    }

    @CommandHandler
    public long handle(ResolveClaim command) {
        String resolvedBy = requireResolver(command.resolvedBy(), command.byAdmin(), "resolvedBy", "resolve claims");
        if (command.outcome() == null) {
            throw new Invalid("outcome", "is required: true if the claim turned out true, false if it did not");
        }
        String note = CommandRules.optionalText(command.note(), "note", CommandRules.LONG_TEXT_MAX);
        String claimId = requireClaim(command.claimId(), "claimId");
        Boolean current = outcomes.get(claimId);
        if (current != null) {
            throw new Conflict("claimId", "claim " + claimId + " is already resolved (" + current + "); nothing was recorded. "
                    + "To resolve it otherwise, annul the resolution first (DELETE on the same path, with a note)");
        }
        apply(new ClaimResolved(debateId, claimId, command.outcome(), note, resolvedBy));
        return lastSequence;
    }

    @CommandHandler
    public long handle(AnnulResolution command) {
        String annulledBy = requireResolver(command.annulledBy(), command.byAdmin(), "annulledBy", "annul resolutions");
        String note = CommandRules.requiredText(command.note(), "note", CommandRules.LONG_TEXT_MAX);
        String claimId = requireClaim(command.claimId(), "claimId");
        if (!outcomes.containsKey(claimId)) {
            throw new Conflict("claimId", "claim " + claimId + " is not resolved, so there is no resolution to annul; "
                    + "nothing was recorded");
        }
        apply(new ClaimResolutionAnnulled(debateId, claimId, note, annulledBy));
        return lastSequence;
    }

    /**
     * Roughly how many bytes of heap this state takes, for the size bound of the aggregate cache: a fixed part plus
     * a cost per entry of each collection (strings, records and hash-map nodes, with texts of typical length; a reason
     * of several KB of text is undercounted). Constant time, as it runs on every cache write.
     */
    public long approximateHeapBytes() {
        return 1_024
                + 160L * participants.size()
                + 120L * invitations.size()
                + 120L * claims.size()
                + 500L * reasons.size()
                + 150L * acknowledgements.size()
                + 300L * views.size()
                + 100L * outcomes.size();
    }

    private List<String> existingDistinctReasons(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > CommandRules.BECAUSE_OF_MAX) {
            throw new Invalid("becauseOf", "names at most " + CommandRules.BECAUSE_OF_MAX + " reasons, was " + requested.size());
        }
        List<String> reasonIds = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String field = "becauseOf[" + i + "]";
            String reasonId = CommandRules.uuid(requested.get(i), field);
            int earlier = reasonIds.indexOf(reasonId);
            if (earlier >= 0) {
                throw new Invalid(field, "repeats becauseOf[" + earlier + "] (" + reasonId + "); name each reason once");
            }
            reasonIds.add(reasonId);
        }
        for (int i = 0; i < reasonIds.size(); i++) {
            requireReason(reasonIds.get(i), "becauseOf[" + i + "]");
        }
        return List.copyOf(reasonIds);
    }

    private String requireParticipant(String participantId, String field) {
        CommandRules.participantId(participantId, field);
        if (!participants.contains(participantId)) {
            throw new NotFound(field, "participant " + participantId + " has not joined this debate; join it first");
        }
        return participantId;
    }

    /** A participant whose role lets them state claims, propose reasons, acknowledge and hold views. */
    private String requireWriter(String participantId, String field) {
        requireParticipant(participantId, field);
        if (roleOf(participantId) == Role.OBSERVER) {
            throw new Forbidden(field, "participant " + participantId + " observes this debate and may read it, not write in it");
        }
        return participantId;
    }

    private String requireOwner(String actor, String field, String action) {
        CommandRules.participantId(actor, field);
        if (owner == null) {
            throw new Forbidden(field, "this debate was opened before accounts existed and has no owner: nobody may " + action);
        }
        if (!owner.equals(actor)) {
            throw new Forbidden(field, "only the debate's owner may " + action);
        }
        return actor;
    }

    /** Who may resolve and annul: the owner; in a debate without owner (opened before accounts), an admin. */
    private String requireResolver(String actor, boolean admin, String field, String action) {
        if (owner == null) {
            CommandRules.participantId(actor, field);
            if (!admin) {
                throw new Forbidden(field, "this debate was opened before accounts existed and has no owner: only an admin may "
                        + action + " in it");
            }
            return actor;
        }
        return requireOwner(actor, field, action);
    }

    private static Role assignableRole(Role role) {
        if (role == null) {
            throw new Invalid("role", "is required: \"member\" or \"observer\"");
        }
        if (role == Role.OWNER) {
            throw new Unprocessable("role", "a debate has one owner, the account that opened it; give \"member\" or \"observer\"");
        }
        return role;
    }

    private Role roleOf(String participantId) {
        return roles.getOrDefault(participantId, Role.MEMBER);
    }

    private static Conflict capReached(String cap, int limit, String what) {
        return new Conflict("debateId", "this debate has reached its cap of " + limit + " " + what
                + " (ledger.limits." + cap + "); nothing was recorded", Map.of("cap", cap, "limit", limit));
    }

    private String requireClaim(String claimId, String field) {
        String id = CommandRules.uuid(claimId, field);
        if (!claims.contains(id)) {
            throw new NotFound(field, "claim " + id + " does not exist in this debate");
        }
        return id;
    }

    private String requireReason(String reasonId, String field) {
        String id = CommandRules.uuid(reasonId, field);
        if (!reasons.containsKey(id)) {
            throw new NotFound(field, "reason " + id + " does not exist in this debate");
        }
        return id;
    }

    private static String fingerprint(String claimId, String author, String text) {
        return claimId + "|" + author + "|" + CommandRules.normalizedForDuplicates(text);
    }

    @EventSourcingHandler
    void on(DebateOpened event) {
        debateId = event.debateId();
        owner = event.openedBy();
        visibility = event.visibility();
        lastSequence++;
    }

    @EventSourcingHandler
    void on(ParticipantJoined event) {
        participants.add(event.participantId());
        roles.put(event.participantId(), event.role());
        invitations.remove(event.participantId());
        lastSequence++;
    }

    @EventSourcingHandler
    void on(ParticipantInvited event) {
        invitations.put(event.handle(), event.role());
        lastSequence++;
    }

    @EventSourcingHandler
    void on(ParticipantRoleChanged event) {
        roles.put(event.participantId(), event.role());
        lastSequence++;
    }

    @EventSourcingHandler
    void on(ClaimStated event) {
        claims.add(event.claimId());
        lastSequence++;
    }

    @EventSourcingHandler
    void on(ReasonProposed event) {
        reasons.put(event.reasonId(), new ReasonFacts(event.claimId(), event.by()));
        reasonIdsByFingerprint.put(fingerprint(event.claimId(), event.by(), event.text()), event.reasonId());
        lastSequence++;
    }

    @EventSourcingHandler
    void on(ReasonAcknowledged event) {
        lastSequence++;
        acknowledgements.put(event.reasonId() + "|" + event.by(), new Acknowledgement(event.kind(), lastSequence));
    }

    @EventSourcingHandler
    void on(ClaimResolved event) {
        outcomes.put(event.claimId(), event.outcome());
        lastSequence++;
    }

    @EventSourcingHandler
    void on(ClaimResolutionAnnulled event) {
        outcomes.remove(event.claimId());
        lastSequence++;
    }

    @EventSourcingHandler
    void on(ViewUpdated event) {
        lastSequence++;
        views.put(event.participantId() + "|" + event.claimId(), new CurrentView(
                event.credence(), event.previousCredence(), event.rationale(), event.becauseOf(), lastSequence));
    }
}
