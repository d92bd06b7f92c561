package dev.ledger.command.debate;

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
import dev.ledger.command.problem.DomainException;
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
import dev.ledger.events.Stance;
import dev.ledger.events.ViewUpdated;
import dev.ledger.events.Visibility;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.ledger.events.AcknowledgementKind.CONCEDED;
import static dev.ledger.events.AcknowledgementKind.NOTED;

/** Every command and every rule of the debate aggregate, given/when/then. */
class DebateAggregateTest {

    private static final String DEBATE = "0b6c6e4e-1a3e-4f0e-9a57-4b1a2c3d4e5f";
    private static final String CLAIM = "11111111-1111-4111-8111-111111111111";
    private static final String OTHER_CLAIM = "22222222-2222-4222-8222-222222222222";
    private static final String REASON = "33333333-3333-4333-8333-333333333333";
    private static final String OTHER_REASON = "44444444-4444-4444-8444-444444444444";
    private static final String UNKNOWN = "99999999-9999-4999-8999-999999999999";

    private FixtureConfiguration<DebateAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(new DebateLimits(1_000, 1_000, 10_000));
    }

    private static FixtureConfiguration<DebateAggregate> fixtureWith(DebateLimits limits) {
        FixtureConfiguration<DebateAggregate> configured = new AggregateTestFixture<>(DebateAggregate.class);
        configured.registerInjectableResource(limits);
        return configured;
    }

    private static final DebateOpened OPENED = new DebateOpened(DEBATE, "Tabs or spaces?", null, "alice", Visibility.PUBLIC);
    private static final ParticipantJoined ALICE = new ParticipantJoined(DEBATE, "alice", "Alice", Role.OWNER);
    private static final ParticipantJoined BOB = new ParticipantJoined(DEBATE, "bob", "Bob", Role.MEMBER);
    private static final ClaimStated CLAIM_STATED = new ClaimStated(DEBATE, CLAIM, "Tabs are better", "alice");
    private static final ClaimStated OTHER_CLAIM_STATED = new ClaimStated(DEBATE, OTHER_CLAIM, "Spaces are better", "bob");
    private static final ReasonProposed ALICES_REASON =
            new ReasonProposed(DEBATE, REASON, CLAIM, Stance.FOR, "Tabs  adapt to the reader", "alice", null);

    /** Debate with alice and bob, one claim (seq 4) and alice's reason on it (seq 5). */
    private TestExecutor<DebateAggregate> givenDebateWithReason() {
        return fixture.given(OPENED, ALICE, BOB, CLAIM_STATED, ALICES_REASON);
    }

    /** Matches a domain exception of the given kind naming the field. */
    static Matcher<Object> refusal(Class<? extends DomainException> kind, String field) {
        return refusal(kind, field, Map.of());
    }

    /** Matches a domain exception of the given kind naming the field, whose problem type names {@code problemKind}. */
    static Matcher<Object> refusal(Class<? extends DomainException> kind, String field, String problemKind) {
        Matcher<Object> refusal = refusal(kind, field);
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return refusal.matches(item) && ((DomainException) item).kind().equals(problemKind);
            }

            @Override
            public void describeTo(Description description) {
                refusal.describeTo(description);
                description.appendText(" of problem kind " + problemKind);
            }
        };
    }

    static Matcher<Object> refusal(Class<? extends DomainException> kind, String field, Map<String, Object> extras) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return kind.isInstance(item) && ((DomainException) item).field().equals(field)
                        && ((DomainException) item).extras().equals(extras);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(kind.getSimpleName() + " on field " + field + " with extras " + extras);
            }
        };
    }

    @Nested
    class OpeningDebates {

        @Test
        void opensWithTitleAndDescription() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "Tabs or spaces?", "An old debate", "alice", Visibility.PUBLIC))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DebateOpened(DEBATE, "Tabs or spaces?", "An old debate", "alice", Visibility.PUBLIC));
        }

        @Test
        void blankDescriptionIsAbsent() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "Tabs or spaces?", "   ", "alice", Visibility.PUBLIC))
                    .expectEvents(OPENED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n"})
        void blankTitleIsRefused(String title) {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, title, null, "alice", Visibility.PUBLIC))
                    .expectException(refusal(Invalid.class, "title"))
                    .expectNoEvents();
        }

        @Test
        void titleOver500CharactersIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "x".repeat(501), null, "alice", Visibility.PUBLIC))
                    .expectException(refusal(Invalid.class, "title"))
                    .expectNoEvents();
        }

        @Test
        void titleOf500CharactersIsAccepted() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "x".repeat(500), null, "alice", Visibility.PUBLIC))
                    .expectEvents(new DebateOpened(DEBATE, "x".repeat(500), null, "alice", Visibility.PUBLIC));
        }

        @Test
        void descriptionOver10000CharactersIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "t", "d".repeat(10_001), "alice", Visibility.PUBLIC))
                    .expectException(refusal(Invalid.class, "description"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"nul\u0000here", "bell\u0007", "esc\u001b[0m", "del\u007f"})
        void controlCharactersAreRefused(String title) {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, title, null, "alice", Visibility.PUBLIC))
                    .expectException(refusal(Invalid.class, "title"))
                    .expectNoEvents();
        }

        @Test
        void theOpenerIsRecordedWithTheVisibility() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "Tabs or spaces?", null, "alice", Visibility.PRIVATE))
                    .expectEvents(new DebateOpened(DEBATE, "Tabs or spaces?", null, "alice", Visibility.PRIVATE));
        }

        @Test
        void missingVisibilityIsInvalid() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "Tabs or spaces?", null, "alice", null))
                    .expectException(refusal(Invalid.class, "visibility"))
                    .expectNoEvents();
        }

        @Test
        void malformedOpenerIsInvalid() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "Tabs or spaces?", null, "al ice", Visibility.PUBLIC))
                    .expectException(refusal(Invalid.class, "openedBy"))
                    .expectNoEvents();
        }

        @Test
        void tabCarriageReturnAndLineFeedAreAllowed() {
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, "a\tb\r\nc", null, "alice", Visibility.PUBLIC))
                    .expectEvents(new DebateOpened(DEBATE, "a\tb\r\nc", null, "alice", Visibility.PUBLIC));
        }
    }

    @Nested
    class Joining {

        @Test
        void joiningReturnsTheSequenceOfTheEvent() {
            fixture.given(OPENED)
                    .when(new JoinDebate(DEBATE, "alice", "Alice"))
                    .expectEvents(ALICE)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void joiningTwiceIsAConflict() {
            fixture.given(OPENED, ALICE)
                    .when(new JoinDebate(DEBATE, "alice", "Alice again"))
                    .expectException(refusal(Conflict.class, "participantId"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-alice", "al ice", "alice!", "ä"})
        void participantIdMustMatchThePattern(String participantId) {
            fixture.given(OPENED)
                    .when(new JoinDebate(DEBATE, participantId, "Alice"))
                    .expectException(refusal(Invalid.class, "participantId"))
                    .expectNoEvents();
        }

        @Test
        void participantIdOf64CharactersIsAcceptedAnd65Refused() {
            String id64 = "a" + "b".repeat(63);
            fixture.given(OPENED)
                    .when(new JoinDebate(DEBATE, id64, "A"))
                    .expectEvents(new ParticipantJoined(DEBATE, id64, "A", Role.MEMBER));
            fixture.given(OPENED)
                    .when(new JoinDebate(DEBATE, id64 + "c", "A"))
                    .expectException(refusal(Invalid.class, "participantId"));
        }

        @Test
        void displayNameOver200CharactersIsRefused() {
            fixture.given(OPENED)
                    .when(new JoinDebate(DEBATE, "alice", "A".repeat(201)))
                    .expectException(refusal(Invalid.class, "displayName"))
                    .expectNoEvents();
        }

        @Test
        void blankDisplayNameIsRefused() {
            fixture.given(OPENED)
                    .when(new JoinDebate(DEBATE, "alice", " "))
                    .expectException(refusal(Invalid.class, "displayName"))
                    .expectNoEvents();
        }
    }

    @Nested
    class StatingClaims {

        @Test
        void participantStatesAClaim() {
            fixture.given(OPENED, ALICE, BOB)
                    .when(new StateClaim(DEBATE, CLAIM, "Tabs are better", "alice"))
                    .expectEvents(CLAIM_STATED)
                    .expectResultMessagePayload(4L);
        }

        @Test
        void nonParticipantCannotAct() {
            fixture.given(OPENED, ALICE)
                    .when(new StateClaim(DEBATE, CLAIM, "Tabs are better", "mallory"))
                    .expectException(refusal(NotFound.class, "by"))
                    .expectNoEvents();
        }

        @Test
        void blankStatementIsRefused() {
            fixture.given(OPENED, ALICE)
                    .when(new StateClaim(DEBATE, CLAIM, "  ", "alice"))
                    .expectException(refusal(Invalid.class, "statement"))
                    .expectNoEvents();
        }

        @Test
        void statementOver10000CharactersIsRefused() {
            fixture.given(OPENED, ALICE)
                    .when(new StateClaim(DEBATE, CLAIM, "s".repeat(10_001), "alice"))
                    .expectException(refusal(Invalid.class, "statement"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ProposingReasons {

        @Test
        void participantProposesAReason() {
            fixture.given(OPENED, ALICE, BOB, CLAIM_STATED)
                    .when(new ProposeReason(DEBATE, REASON, CLAIM, Stance.FOR, "Tabs  adapt to the reader", "alice", null))
                    .expectEvents(ALICES_REASON)
                    .expectResultMessagePayload(5L);
        }

        @Test
        void replyOnTheSameClaim() {
            givenDebateWithReason()
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.AGAINST, "Alignment breaks", "bob", REASON))
                    .expectEvents(new ReasonProposed(DEBATE, OTHER_REASON, CLAIM, Stance.AGAINST, "Alignment breaks", "bob", REASON))
                    .expectResultMessagePayload(6L);
        }

        @Test
        void nonParticipantCannotPropose() {
            fixture.given(OPENED, ALICE, CLAIM_STATED)
                    .when(new ProposeReason(DEBATE, REASON, CLAIM, Stance.FOR, "text", "mallory", null))
                    .expectException(refusal(NotFound.class, "by"))
                    .expectNoEvents();
        }

        @Test
        void unknownClaimIsNotFound() {
            fixture.given(OPENED, ALICE, CLAIM_STATED)
                    .when(new ProposeReason(DEBATE, REASON, UNKNOWN, Stance.FOR, "text", "alice", null))
                    .expectException(refusal(NotFound.class, "claimId"))
                    .expectNoEvents();
        }

        @Test
        void malformedClaimIdIsInvalid() {
            fixture.given(OPENED, ALICE, CLAIM_STATED)
                    .when(new ProposeReason(DEBATE, REASON, "not-a-uuid", Stance.FOR, "text", "alice", null))
                    .expectException(refusal(Invalid.class, "claimId"))
                    .expectNoEvents();
        }

        @Test
        void unknownInReplyToIsNotFound() {
            givenDebateWithReason()
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.AGAINST, "text", "bob", UNKNOWN))
                    .expectException(refusal(NotFound.class, "inReplyTo"))
                    .expectNoEvents();
        }

        @Test
        void replyToAReasonOnAnotherClaimIsUnprocessable() {
            givenDebateWithReason()
                    .andGiven(OTHER_CLAIM_STATED)
                    .when(new ProposeReason(DEBATE, OTHER_REASON, OTHER_CLAIM, Stance.AGAINST, "text", "bob", REASON))
                    .expectException(refusal(Unprocessable.class, "inReplyTo"))
                    .expectNoEvents();
        }

        @Test
        void missingStanceIsInvalid() {
            fixture.given(OPENED, ALICE, CLAIM_STATED)
                    .when(new ProposeReason(DEBATE, REASON, CLAIM, null, "text", "alice", null))
                    .expectException(refusal(Invalid.class, "stance"))
                    .expectNoEvents();
        }

        @Test
        void blankTextIsInvalid() {
            fixture.given(OPENED, ALICE, CLAIM_STATED)
                    .when(new ProposeReason(DEBATE, REASON, CLAIM, Stance.FOR, " \n ", "alice", null))
                    .expectException(refusal(Invalid.class, "text"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Tabs  adapt to the reader", "tabs adapt to the reader", "  TABS ADAPT\tTO\n the   Reader ",
                "Tabs\u00a0adapt to the reader"})
        void sameAuthorSameTextSameClaimIsADuplicateNamingTheExistingReason(String text) {
            givenDebateWithReason()
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.AGAINST, text, "alice", null))
                    .expectException(refusal(Conflict.class, "text", Map.of("existingReasonId", REASON)))
                    .expectNoEvents();
        }

        @Test
        void anotherAuthorMayPostTheSameText() {
            givenDebateWithReason()
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, "tabs adapt to the reader", "bob", null))
                    .expectEvents(new ReasonProposed(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, "tabs adapt to the reader", "bob", null));
        }

        @Test
        void theSameAuthorMayPostTheSameTextOnAnotherClaim() {
            givenDebateWithReason()
                    .andGiven(OTHER_CLAIM_STATED)
                    .when(new ProposeReason(DEBATE, OTHER_REASON, OTHER_CLAIM, Stance.FOR, "Tabs adapt to the reader", "alice", null))
                    .expectEvents(new ReasonProposed(DEBATE, OTHER_REASON, OTHER_CLAIM, Stance.FOR, "Tabs adapt to the reader", "alice", null));
        }

        @Test
        void differentWordsAreNotADuplicate() {
            givenDebateWithReason()
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, "Tabs adapt to the readers", "alice", null))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(6L);
        }
    }

    @Nested
    class Acknowledging {

        @Test
        void anotherParticipantAcknowledges() {
            givenDebateWithReason()
                    .when(new AcknowledgeReason(DEBATE, REASON, "bob", NOTED, "fair point"))
                    .expectEvents(new ReasonAcknowledged(DEBATE, REASON, "bob", NOTED, "fair point"))
                    .expectResultMessagePayload(new AcknowledgementOutcome(6, true));
        }

        @Test
        void acknowledgingOnesOwnReasonIsUnprocessable() {
            givenDebateWithReason()
                    .when(new AcknowledgeReason(DEBATE, REASON, "alice", CONCEDED, null))
                    .expectException(refusal(Unprocessable.class, "by"))
                    .expectNoEvents();
        }

        @Test
        void acknowledgingAgainWithTheSameKindWritesNothingAndAnswersTheOriginalSequence() {
            givenDebateWithReason()
                    .andGiven(new ReasonAcknowledged(DEBATE, REASON, "bob", NOTED, null),
                            new ClaimStated(DEBATE, OTHER_CLAIM, "later", "bob"))
                    .when(new AcknowledgeReason(DEBATE, REASON, "bob", NOTED, "again"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new AcknowledgementOutcome(6, false));
        }

        @Test
        void acknowledgingWithAnotherKindIsANewEvent() {
            givenDebateWithReason()
                    .andGiven(new ReasonAcknowledged(DEBATE, REASON, "bob", NOTED, null))
                    .when(new AcknowledgeReason(DEBATE, REASON, "bob", CONCEDED, null))
                    .expectEvents(new ReasonAcknowledged(DEBATE, REASON, "bob", CONCEDED, null))
                    .expectResultMessagePayload(new AcknowledgementOutcome(7, true));
        }

        @Test
        void unknownReasonIsNotFound() {
            givenDebateWithReason()
                    .when(new AcknowledgeReason(DEBATE, UNKNOWN, "bob", NOTED, null))
                    .expectException(refusal(NotFound.class, "reasonId"))
                    .expectNoEvents();
        }

        @Test
        void nonParticipantCannotAcknowledge() {
            givenDebateWithReason()
                    .when(new AcknowledgeReason(DEBATE, REASON, "mallory", NOTED, null))
                    .expectException(refusal(NotFound.class, "by"))
                    .expectNoEvents();
        }

        @Test
        void missingKindIsInvalid() {
            givenDebateWithReason()
                    .when(new AcknowledgeReason(DEBATE, REASON, "bob", null, null))
                    .expectException(refusal(Invalid.class, "kind"))
                    .expectNoEvents();
        }

        @Test
        void noteOver10000CharactersIsInvalid() {
            givenDebateWithReason()
                    .when(new AcknowledgeReason(DEBATE, REASON, "bob", NOTED, "n".repeat(10_001)))
                    .expectException(refusal(Invalid.class, "note"))
                    .expectNoEvents();
        }
    }

    @Nested
    class UpdatingViews {

        @Test
        void firstViewHasNoPrevious() {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.3, "unsure", List.of(REASON)))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", CLAIM, 0.3, null, "unsure", List.of(REASON)))
                    .expectResultMessagePayload(new ViewOutcome(6, null));
        }

        @Test
        void changedViewNamesThePreviousCredence() {
            givenDebateWithReason()
                    .andGiven(new ViewUpdated(DEBATE, "bob", CLAIM, 0.3, null, "unsure", List.of()))
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.8, "convinced", List.of(REASON)))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", CLAIM, 0.8, 0.3, "convinced", List.of(REASON)))
                    .expectResultMessagePayload(new ViewOutcome(7, 0.3));
        }

        @Test
        void repeatingTheCurrentViewWritesNothingAndAnswersTheSequenceAndPreviousThatSetIt() {
            givenDebateWithReason()
                    .andGiven(new ViewUpdated(DEBATE, "bob", CLAIM, 0.3, null, "unsure", List.of()),
                            new ViewUpdated(DEBATE, "bob", CLAIM, 0.8, 0.3, "convinced", List.of(REASON)),
                            new ClaimStated(DEBATE, OTHER_CLAIM, "later", "bob"))
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.8, "convinced", List.of(REASON)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ViewOutcome(7, 0.3));
        }

        @Test
        void sameCredenceWithAnotherRationaleIsANewEvent() {
            givenDebateWithReason()
                    .andGiven(new ViewUpdated(DEBATE, "bob", CLAIM, 0.3, null, "unsure", List.of()))
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.3, "still unsure", List.of()))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", CLAIM, 0.3, 0.3, "still unsure", List.of()))
                    .expectResultMessagePayload(new ViewOutcome(7, 0.3));
        }

        @Test
        void sameCredenceWithOtherReasonsIsANewEvent() {
            givenDebateWithReason()
                    .andGiven(new ViewUpdated(DEBATE, "bob", CLAIM, 0.3, null, "unsure", List.of()))
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.3, "unsure", List.of(REASON)))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", CLAIM, 0.3, 0.3, "unsure", List.of(REASON)));
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.0001, 1.0001, 2, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void credenceOutsideZeroToOneIsInvalid(double credence) {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, credence, null, null))
                    .expectException(refusal(Invalid.class, "credence"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.0, 1.0, 0.5})
        void credenceBoundsAreIncluded(double credence) {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, credence, null, null))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", CLAIM, credence, null, null, List.of()));
        }

        @Test
        void missingCredenceIsInvalid() {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, null, null, null))
                    .expectException(refusal(Invalid.class, "credence"))
                    .expectNoEvents();
        }

        @Test
        void unknownBecauseOfReasonIsNotFound() {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.5, null, List.of(REASON, UNKNOWN)))
                    .expectException(refusal(NotFound.class, "becauseOf[1]"))
                    .expectNoEvents();
        }

        @Test
        void duplicateBecauseOfEntriesAreInvalid() {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.5, null, List.of(REASON, REASON)))
                    .expectException(refusal(Invalid.class, "becauseOf[1]"))
                    .expectNoEvents();
        }

        @Test
        void malformedBecauseOfEntryIsInvalid() {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.5, null, List.of("nope")))
                    .expectException(refusal(Invalid.class, "becauseOf[0]"))
                    .expectNoEvents();
        }

        @Test
        void moreThan100BecauseOfEntriesAreInvalid() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                ids.add(UUID.randomUUID().toString());
            }
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.5, null, ids))
                    .expectException(refusal(Invalid.class, "becauseOf"))
                    .expectNoEvents();
        }

        @Test
        void unknownClaimIsNotFound() {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", UNKNOWN, 0.5, null, null))
                    .expectException(refusal(NotFound.class, "claimId"))
                    .expectNoEvents();
        }

        @Test
        void nonParticipantCannotHoldAView() {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "mallory", CLAIM, 0.5, null, null))
                    .expectException(refusal(NotFound.class, "participantId"))
                    .expectNoEvents();
        }

        @Test
        void rationaleOver10000CharactersIsInvalid() {
            givenDebateWithReason()
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.5, "r".repeat(10_001), null))
                    .expectException(refusal(Invalid.class, "rationale"))
                    .expectNoEvents();
        }

        @Test
        void viewsAreKeptPerParticipantAndClaim() {
            givenDebateWithReason()
                    .andGiven(OTHER_CLAIM_STATED, new ViewUpdated(DEBATE, "bob", OTHER_CLAIM, 0.3, null, null, List.of()))
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.3, null, null))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", CLAIM, 0.3, null, null, List.of()));
        }
    }

    /** alice opened a private debate and joined as owner (seq 2); bob joined as a member (seq 3). */
    private static final DebateOpened PRIVATE_OPENED = new DebateOpened(DEBATE, "Closed room", null, "alice", Visibility.PRIVATE);
    private static final ParticipantInvited BOB_INVITED = new ParticipantInvited(DEBATE, "bob", Role.MEMBER, "alice");
    private static final ParticipantInvited CAROL_INVITED = new ParticipantInvited(DEBATE, "carol", Role.OBSERVER, "alice");
    private static final ParticipantJoined CAROL_OBSERVES = new ParticipantJoined(DEBATE, "carol", "Carol", Role.OBSERVER);

    @Nested
    class JoiningByRoleAndVisibility {

        @Test
        void theOwnerJoinsAPrivateDebateAsOwnerWithoutAnInvitation() {
            fixture.given(PRIVATE_OPENED)
                    .when(new JoinDebate(DEBATE, "alice", "Alice"))
                    .expectEvents(ALICE)
                    .expectResultMessagePayload(2L);
        }

        @Test
        void aPrivateDebateRefusesAnAccountThatWasNotInvited() {
            fixture.given(PRIVATE_OPENED, ALICE)
                    .when(new JoinDebate(DEBATE, "mallory", "Mallory"))
                    .expectException(refusal(Forbidden.class, "participantId"))
                    .expectNoEvents();
        }

        @Test
        void anInvitedAccountJoinsAPrivateDebateWithTheInvitedRole() {
            fixture.given(PRIVATE_OPENED, ALICE, CAROL_INVITED)
                    .when(new JoinDebate(DEBATE, "carol", "Carol"))
                    .expectEvents(CAROL_OBSERVES);
        }

        @Test
        void anyoneJoinsAPublicDebateAsAMember() {
            fixture.given(OPENED, ALICE)
                    .when(new JoinDebate(DEBATE, "dave", "Dave"))
                    .expectEvents(new ParticipantJoined(DEBATE, "dave", "Dave", Role.MEMBER));
        }

        @Test
        void anAccountInvitedAsObserverJoinsAPublicDebateAsObserver() {
            fixture.given(OPENED, ALICE, CAROL_INVITED)
                    .when(new JoinDebate(DEBATE, "carol", "Carol"))
                    .expectEvents(CAROL_OBSERVES);
        }

        @Test
        void aDebateOpenedBeforeAccountsHasNoOwnerAndIsOpenToAllAsMembers() {
            // DebateOpened and ParticipantJoined of version 1, as the upcaster reads them
            fixture.given(new DebateOpened(DEBATE, "Old debate", null, null, Visibility.PUBLIC),
                            new ParticipantJoined(DEBATE, "alice", "Alice", Role.MEMBER))
                    .when(new JoinDebate(DEBATE, "bob", "Bob"))
                    .expectEvents(BOB);
        }
    }

    @Nested
    class Inviting {

        @Test
        void theOwnerInvitesAMemberOrAnObserver() {
            fixture.given(PRIVATE_OPENED, ALICE)
                    .when(new InviteParticipant(DEBATE, "carol", Role.OBSERVER, "alice"))
                    .expectEvents(CAROL_INVITED)
                    .expectResultMessagePayload(3L);
        }

        @Test
        void theOwnerMayInviteBeforeJoining() {
            fixture.given(PRIVATE_OPENED)
                    .when(new InviteParticipant(DEBATE, "bob", Role.MEMBER, "alice"))
                    .expectEvents(BOB_INVITED);
        }

        @Test
        void aMemberMayNotInvite() {
            fixture.given(OPENED, ALICE, BOB)
                    .when(new InviteParticipant(DEBATE, "carol", Role.MEMBER, "bob"))
                    .expectException(refusal(Forbidden.class, "invitedBy"))
                    .expectNoEvents();
        }

        @Test
        void nobodyInvitesToADebateWithoutOwner() {
            fixture.given(new DebateOpened(DEBATE, "Old debate", null, null, Visibility.PUBLIC),
                            new ParticipantJoined(DEBATE, "alice", "Alice", Role.MEMBER))
                    .when(new InviteParticipant(DEBATE, "carol", Role.MEMBER, "alice"))
                    .expectException(refusal(Forbidden.class, "invitedBy"))
                    .expectNoEvents();
        }

        @Test
        void invitingAParticipantWhoJoinedIsAConflict() {
            fixture.given(OPENED, ALICE, BOB)
                    .when(new InviteParticipant(DEBATE, "bob", Role.OBSERVER, "alice"))
                    .expectException(refusal(Conflict.class, "handle"))
                    .expectNoEvents();
        }

        @Test
        void invitingAgainWithTheSameRoleIsAConflictAndWithAnotherRoleReplacesIt() {
            fixture.given(PRIVATE_OPENED, ALICE, CAROL_INVITED)
                    .when(new InviteParticipant(DEBATE, "carol", Role.OBSERVER, "alice"))
                    .expectException(refusal(Conflict.class, "handle"))
                    .expectNoEvents();
            fixture.given(PRIVATE_OPENED, ALICE, CAROL_INVITED, new ParticipantInvited(DEBATE, "carol", Role.MEMBER, "alice"))
                    .when(new JoinDebate(DEBATE, "carol", "Carol"))
                    .expectEvents(new ParticipantJoined(DEBATE, "carol", "Carol", Role.MEMBER));
        }

        @Test
        void invitingAsOwnerIsUnprocessable() {
            fixture.given(PRIVATE_OPENED, ALICE)
                    .when(new InviteParticipant(DEBATE, "carol", Role.OWNER, "alice"))
                    .expectException(refusal(Unprocessable.class, "role"))
                    .expectNoEvents();
        }

        @Test
        void invitingWithoutARoleIsInvalid() {
            fixture.given(PRIVATE_OPENED, ALICE)
                    .when(new InviteParticipant(DEBATE, "carol", null, "alice"))
                    .expectException(refusal(Invalid.class, "role"))
                    .expectNoEvents();
        }

        @Test
        void theOwnerNeedsNoInvitation() {
            fixture.given(PRIVATE_OPENED)
                    .when(new InviteParticipant(DEBATE, "alice", Role.MEMBER, "alice"))
                    .expectException(refusal(Unprocessable.class, "handle"))
                    .expectNoEvents();
        }

        @Test
        void aMalformedHandleIsInvalid() {
            fixture.given(PRIVATE_OPENED, ALICE)
                    .when(new InviteParticipant(DEBATE, "not a handle", Role.MEMBER, "alice"))
                    .expectException(refusal(Invalid.class, "handle"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ChangingRoles {

        @Test
        void theOwnerMakesAMemberAnObserver() {
            fixture.given(OPENED, ALICE, BOB)
                    .when(new ChangeRole(DEBATE, "bob", Role.OBSERVER, "alice"))
                    .expectEvents(new ParticipantRoleChanged(DEBATE, "bob", Role.OBSERVER, "alice"))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void theOwnerMakesAnObserverAMember() {
            fixture.given(OPENED, ALICE, CAROL_INVITED, CAROL_OBSERVES)
                    .when(new ChangeRole(DEBATE, "carol", Role.MEMBER, "alice"))
                    .expectEvents(new ParticipantRoleChanged(DEBATE, "carol", Role.MEMBER, "alice"));
        }

        @Test
        void aMemberMayNotChangeRoles() {
            fixture.given(OPENED, ALICE, BOB, CAROL_INVITED, CAROL_OBSERVES)
                    .when(new ChangeRole(DEBATE, "carol", Role.MEMBER, "bob"))
                    .expectException(refusal(Forbidden.class, "changedBy"))
                    .expectNoEvents();
        }

        @Test
        void theOwnerMayNotChangeTheirOwnRole() {
            fixture.given(OPENED, ALICE)
                    .when(new ChangeRole(DEBATE, "alice", Role.MEMBER, "alice"))
                    .expectException(refusal(Unprocessable.class, "participantId"))
                    .expectNoEvents();
        }

        @Test
        void nobodyIsMadeOwner() {
            fixture.given(OPENED, ALICE, BOB)
                    .when(new ChangeRole(DEBATE, "bob", Role.OWNER, "alice"))
                    .expectException(refusal(Unprocessable.class, "role"))
                    .expectNoEvents();
        }

        @Test
        void theRoleOfSomeoneWhoDidNotJoinIsNotFound() {
            fixture.given(OPENED, ALICE, CAROL_INVITED)
                    .when(new ChangeRole(DEBATE, "carol", Role.MEMBER, "alice"))
                    .expectException(refusal(NotFound.class, "participantId"))
                    .expectNoEvents();
        }

        @Test
        void givingTheRoleAParticipantHasIsAConflict() {
            fixture.given(OPENED, ALICE, BOB)
                    .when(new ChangeRole(DEBATE, "bob", Role.MEMBER, "alice"))
                    .expectException(refusal(Conflict.class, "role"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Observers {

        /** alice (owner), bob (member), carol (observer); a claim (seq 6) and alice's reason on it (seq 7). */
        private TestExecutor<DebateAggregate> givenAnObserver() {
            return fixture.given(OPENED, ALICE, BOB, CAROL_INVITED, CAROL_OBSERVES, CLAIM_STATED, ALICES_REASON);
        }

        @Test
        void mayNotStateAClaim() {
            givenAnObserver()
                    .when(new StateClaim(DEBATE, OTHER_CLAIM, "Observers speak", "carol"))
                    .expectException(refusal(Forbidden.class, "by"))
                    .expectNoEvents();
        }

        @Test
        void mayNotProposeAReason() {
            givenAnObserver()
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, "I agree", "carol", null))
                    .expectException(refusal(Forbidden.class, "by"))
                    .expectNoEvents();
        }

        @Test
        void mayNotAcknowledge() {
            givenAnObserver()
                    .when(new AcknowledgeReason(DEBATE, REASON, "carol", NOTED, null))
                    .expectException(refusal(Forbidden.class, "by"))
                    .expectNoEvents();
        }

        @Test
        void mayNotHoldAView() {
            givenAnObserver()
                    .when(new UpdateView(DEBATE, "carol", CLAIM, 0.5, null, null))
                    .expectException(refusal(Forbidden.class, "participantId"))
                    .expectNoEvents();
        }

        @Test
        void aMemberMadeObserverMayNoLongerWriteAndMadeMemberAgainMay() {
            givenAnObserver()
                    .andGiven(new ParticipantRoleChanged(DEBATE, "bob", Role.OBSERVER, "alice"))
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.5, null, null))
                    .expectException(refusal(Forbidden.class, "participantId"))
                    .expectNoEvents();
            givenAnObserver()
                    .andGiven(new ParticipantRoleChanged(DEBATE, "bob", Role.OBSERVER, "alice"),
                            new ParticipantRoleChanged(DEBATE, "bob", Role.MEMBER, "alice"))
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.5, null, null))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", CLAIM, 0.5, null, null, List.of()));
        }
    }

    @Nested
    class Caps {

        private final FixtureConfiguration<DebateAggregate> small = fixtureWith(new DebateLimits(2, 1, 1));

        @Test
        void joiningPastTheParticipantsCapIsAConflictNamingIt() {
            small.given(OPENED, ALICE, BOB)
                    .when(new JoinDebate(DEBATE, "dave", "Dave"))
                    .expectException(refusal(Conflict.class, "debateId", Map.of("cap", "max-participants", "limit", 2)))
                    .expectNoEvents();
        }

        @Test
        void openInvitationsCountTowardsTheParticipantsCap() {
            small.given(PRIVATE_OPENED, ALICE, BOB_INVITED)
                    .when(new InviteParticipant(DEBATE, "carol", Role.OBSERVER, "alice"))
                    .expectException(refusal(Conflict.class, "debateId", Map.of("cap", "max-participants", "limit", 2)))
                    .expectNoEvents();
            small.given(PRIVATE_OPENED, ALICE, BOB_INVITED)
                    .when(new InviteParticipant(DEBATE, "bob", Role.OBSERVER, "alice"))
                    .expectEvents(new ParticipantInvited(DEBATE, "bob", Role.OBSERVER, "alice"));
        }

        @Test
        void statingPastTheClaimsCapIsAConflictNamingIt() {
            small.given(OPENED, ALICE, BOB, CLAIM_STATED)
                    .when(new StateClaim(DEBATE, OTHER_CLAIM, "One more", "bob"))
                    .expectException(refusal(Conflict.class, "debateId", Map.of("cap", "max-claims", "limit", 1)))
                    .expectNoEvents();
        }

        @Test
        void proposingPastTheReasonsCapIsAConflictNamingIt() {
            small.given(OPENED, ALICE, BOB, CLAIM_STATED, ALICES_REASON)
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.AGAINST, "One more", "bob", null))
                    .expectException(refusal(Conflict.class, "debateId", Map.of("cap", "max-reasons", "limit", 1)))
                    .expectNoEvents();
        }

        @Test
        void aCapMustBeAtLeastOne() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DebateLimits(1_000, 0, 10_000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("LEDGER_MAX_CLAIMS");
        }
    }

    @Nested
    class TextNormalisation {

        @ParameterizedTest
        @ValueSource(strings = {"Tabs\u200b adapt to the reader", "Tabs adapt\u200c to the reader", "Tabs\u200d", "\ufeffTabs",
                "Tabs\u2060adapt", "\u202eredaer eht ot tpada sbaT", "Tabs \u2066adapt\u2069"})
        void zeroWidthAndBidirectionalControlCharactersAreRefused(String text) {
            givenDebateWithReason()
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, text, "alice", null))
                    .expectException(refusal(Unprocessable.class, "text"))
                    .expectNoEvents();
        }

        @Test
        void aZeroWidthSpaceNoLongerSlipsADuplicatePastTheCheck() {
            givenDebateWithReason()
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, "Tabs  adapt to the\u200b reader", "alice", null))
                    .expectException(refusal(Unprocessable.class, "text"))
                    .expectNoEvents();
        }

        @Test
        void aReasonStoredWithAZeroWidthSpaceStillCountsForDuplicates() {
            fixture.given(OPENED, ALICE, BOB, CLAIM_STATED,
                            new ReasonProposed(DEBATE, REASON, CLAIM, Stance.FOR, "Tabs\u200b adapt to the reader", "alice", null))
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, "Tabs adapt to the reader", "alice", null))
                    .expectException(refusal(Conflict.class, "text", Map.of("existingReasonId", REASON)))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\uD83D\uDC69\u200D\uD83D\uDCBB at work",
                "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08 flag", "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB"})
        void aJoinerInsideAWordOrAnEmojiSequenceIsKept(String statement) {
            fixture.given(OPENED, ALICE, BOB)
                    .when(new StateClaim(DEBATE, CLAIM, statement, "alice"))
                    .expectEvents(new ClaimStated(DEBATE, CLAIM, statement, "alice"));
        }

        @Test
        void aReasonDifferingOnlyByAJoinerIsADuplicate() {
            fixture.given(OPENED, ALICE, BOB, CLAIM_STATED,
                            new ReasonProposed(DEBATE, REASON, CLAIM, Stance.FOR, "Tabs adapt to the reader", "alice", null))
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, "Ta\u200Cbs adapt to the reader", "alice", null))
                    .expectException(refusal(Conflict.class, "text", Map.of("existingReasonId", REASON)))
                    .expectNoEvents();
        }

        @Test
        void textsAreStoredInNfc() {
            fixture.given(OPENED, ALICE, BOB)
                    .when(new StateClaim(DEBATE, CLAIM, "Cafe\u0301 culture", "alice"))
                    .expectEvents(new ClaimStated(DEBATE, CLAIM, "Caf\u00e9 culture", "alice"));
        }

        @Test
        void decomposedAndComposedFormsOfOneTextAreDuplicates() {
            fixture.given(OPENED, ALICE, BOB, CLAIM_STATED,
                            new ReasonProposed(DEBATE, REASON, CLAIM, Stance.FOR, "Caf\u00e9s use tabs", "alice", null))
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.FOR, "Cafe\u0301s use tabs", "alice", null))
                    .expectException(refusal(Conflict.class, "text", Map.of("existingReasonId", REASON)))
                    .expectNoEvents();
        }

        @Test
        void theLengthBoundCountsCharactersAfterNfc() {
            String decomposed = "e\u0301".repeat(500);  // 1000 code points sent, 500 stored
            fixture.givenNoPriorActivity()
                    .when(new OpenDebate(DEBATE, decomposed, null, "alice", Visibility.PUBLIC))
                    .expectEvents(new DebateOpened(DEBATE, "\u00e9".repeat(500), null, "alice", Visibility.PUBLIC));
        }
    }

    @Nested
    class Resolving {

        private static final ClaimResolved RESOLVED_TRUE = new ClaimResolved(DEBATE, CLAIM, true, "Measured it", "alice");
        private static final ClaimResolutionAnnulled ANNULLED =
                new ClaimResolutionAnnulled(DEBATE, CLAIM, "The measurement was wrong", "alice");
        private static final DebateOpened OPENED_BEFORE_ACCOUNTS = new DebateOpened(DEBATE, "Old debate", null, null, Visibility.PUBLIC);

        @Test
        void theOwnerResolvesAClaimTrueOrFalse() {
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, CLAIM, true, "Measured it", "alice", false))
                    .expectEvents(RESOLVED_TRUE)
                    .expectResultMessagePayload(6L);
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, CLAIM, false, null, "alice", false))
                    .expectEvents(new ClaimResolved(DEBATE, CLAIM, false, null, "alice"));
        }

        @Test
        void aBlankNoteIsAbsentAndTheNoteIsStoredInNfc() {
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, CLAIM, true, "  ", "alice", false))
                    .expectEvents(new ClaimResolved(DEBATE, CLAIM, true, null, "alice"));
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, CLAIM, true, "Cafe\u0301 test", "alice", false))
                    .expectEvents(new ClaimResolved(DEBATE, CLAIM, true, "Caf\u00e9 test", "alice"));
        }

        @Test
        void aNoteOverTheLengthBoundIsInvalid() {
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, CLAIM, true, "x".repeat(CommandRules.LONG_TEXT_MAX + 1), "alice", false))
                    .expectException(refusal(Invalid.class, "note"))
                    .expectNoEvents();
        }

        @Test
        void aMemberMayNotResolveNorAnAdminInADebateWithAnOwner() {
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, CLAIM, true, null, "bob", false))
                    .expectException(refusal(Forbidden.class, "resolvedBy"))
                    .expectNoEvents();
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, CLAIM, true, null, "root", true))
                    .expectException(refusal(Forbidden.class, "resolvedBy"))
                    .expectNoEvents();
        }

        @Test
        void inADebateOpenedBeforeAccountsOnlyAnAdminResolvesAndAnnuls() {
            TestExecutor<DebateAggregate> oldDebate = fixture.given(OPENED_BEFORE_ACCOUNTS,
                    new ParticipantJoined(DEBATE, "alice", "Alice", Role.MEMBER), CLAIM_STATED);
            oldDebate.when(new ResolveClaim(DEBATE, CLAIM, true, null, "alice", false))
                    .expectException(refusal(Forbidden.class, "resolvedBy"))
                    .expectNoEvents();
            fixture.given(OPENED_BEFORE_ACCOUNTS, new ParticipantJoined(DEBATE, "alice", "Alice", Role.MEMBER), CLAIM_STATED)
                    .when(new ResolveClaim(DEBATE, CLAIM, false, null, "root", true))
                    .expectEvents(new ClaimResolved(DEBATE, CLAIM, false, null, "root"));
            fixture.given(OPENED_BEFORE_ACCOUNTS, new ParticipantJoined(DEBATE, "alice", "Alice", Role.MEMBER), CLAIM_STATED,
                            new ClaimResolved(DEBATE, CLAIM, false, null, "root"))
                    .when(new AnnulResolution(DEBATE, CLAIM, "wrong", "alice", false))
                    .expectException(refusal(Forbidden.class, "annulledBy"))
                    .expectNoEvents();
            fixture.given(OPENED_BEFORE_ACCOUNTS, new ParticipantJoined(DEBATE, "alice", "Alice", Role.MEMBER), CLAIM_STATED,
                            new ClaimResolved(DEBATE, CLAIM, false, null, "root"))
                    .when(new AnnulResolution(DEBATE, CLAIM, "wrong", "root", true))
                    .expectEvents(new ClaimResolutionAnnulled(DEBATE, CLAIM, "wrong", "root"));
        }

        @Test
        void theOwnerMayResolveBeforeJoining() {
            fixture.given(OPENED, BOB, new ClaimStated(DEBATE, CLAIM, "Tabs are better", "bob"))
                    .when(new ResolveClaim(DEBATE, CLAIM, true, null, "alice", false))
                    .expectEvents(new ClaimResolved(DEBATE, CLAIM, true, null, "alice"));
        }

        @Test
        void anOutcomeIsRequired() {
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, CLAIM, null, null, "alice", false))
                    .expectException(refusal(Invalid.class, "outcome"))
                    .expectNoEvents();
        }

        @Test
        void anUnknownClaimIsNotFound() {
            givenDebateWithReason()
                    .when(new ResolveClaim(DEBATE, UNKNOWN, true, null, "alice", false))
                    .expectException(refusal(NotFound.class, "claimId"))
                    .expectNoEvents();
            givenDebateWithReason()
                    .when(new AnnulResolution(DEBATE, UNKNOWN, "wrong", "alice", false))
                    .expectException(refusal(NotFound.class, "claimId"))
                    .expectNoEvents();
        }

        @Test
        void resolvingAResolvedClaimIsAConflictWhateverTheOutcome() {
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new ResolveClaim(DEBATE, CLAIM, true, "Measured it", "alice", false))
                    .expectException(refusal(Conflict.class, "claimId"))
                    .expectNoEvents();
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new ResolveClaim(DEBATE, CLAIM, false, null, "alice", false))
                    .expectException(refusal(Conflict.class, "claimId"))
                    .expectNoEvents();
        }

        @Test
        void resolvingOneClaimLeavesTheOthersOpen() {
            givenDebateWithReason()
                    .andGiven(OTHER_CLAIM_STATED, RESOLVED_TRUE)
                    .when(new ResolveClaim(DEBATE, OTHER_CLAIM, false, null, "alice", false))
                    .expectEvents(new ClaimResolved(DEBATE, OTHER_CLAIM, false, null, "alice"));
        }

        @Test
        void theOwnerAnnulsAResolutionWithANote() {
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new AnnulResolution(DEBATE, CLAIM, "The measurement was wrong", "alice", false))
                    .expectEvents(ANNULLED)
                    .expectResultMessagePayload(7L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void anAnnulmentWithoutANoteIsInvalid(String note) {
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new AnnulResolution(DEBATE, CLAIM, note, "alice", false))
                    .expectException(refusal(Invalid.class, "note"))
                    .expectNoEvents();
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new AnnulResolution(DEBATE, CLAIM, null, "alice", false))
                    .expectException(refusal(Invalid.class, "note"))
                    .expectNoEvents();
        }

        @Test
        void aMemberMayNotAnnul() {
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new AnnulResolution(DEBATE, CLAIM, "I disagree", "bob", false))
                    .expectException(refusal(Forbidden.class, "annulledBy"))
                    .expectNoEvents();
        }

        @Test
        void annullingAClaimThatIsNotResolvedIsAConflict() {
            givenDebateWithReason()
                    .when(new AnnulResolution(DEBATE, CLAIM, "never resolved", "alice", false))
                    .expectException(refusal(Conflict.class, "claimId"))
                    .expectNoEvents();
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE, ANNULLED)
                    .when(new AnnulResolution(DEBATE, CLAIM, "again", "alice", false))
                    .expectException(refusal(Conflict.class, "claimId"))
                    .expectNoEvents();
        }

        @Test
        void anAnnulledClaimMayBeResolvedAgainOtherwise() {
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE, ANNULLED)
                    .when(new ResolveClaim(DEBATE, CLAIM, false, "Measured again", "alice", false))
                    .expectEvents(new ClaimResolved(DEBATE, CLAIM, false, "Measured again", "alice"))
                    .expectResultMessagePayload(8L);
        }

        @Test
        void aViewOnAResolvedClaimIsAConflictOfItsOwnKindEvenARepeatedOne() {
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.9, null, null))
                    .expectException(refusal(Conflict.class, "claimId", DebateAggregate.CLAIM_RESOLVED_KIND))
                    .expectNoEvents();
            givenDebateWithReason()
                    .andGiven(new ViewUpdated(DEBATE, "bob", CLAIM, 0.9, null, null, List.of()), RESOLVED_TRUE)
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.9, null, null))
                    .expectException(refusal(Conflict.class, "claimId", DebateAggregate.CLAIM_RESOLVED_KIND))
                    .expectNoEvents();
        }

        @Test
        void viewsOpenAgainAfterAnAnnulmentAndOnOtherClaimsStayOpen() {
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE, ANNULLED)
                    .when(new UpdateView(DEBATE, "bob", CLAIM, 0.9, null, null))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", CLAIM, 0.9, null, null, List.of()));
            givenDebateWithReason()
                    .andGiven(OTHER_CLAIM_STATED, RESOLVED_TRUE)
                    .when(new UpdateView(DEBATE, "bob", OTHER_CLAIM, 0.2, null, null))
                    .expectEvents(new ViewUpdated(DEBATE, "bob", OTHER_CLAIM, 0.2, null, null, List.of()));
        }

        @Test
        void reasonsAndAcknowledgementsOnAResolvedClaimStayAllowed() {
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new ProposeReason(DEBATE, OTHER_REASON, CLAIM, Stance.AGAINST, "In hindsight it was luck", "bob", REASON))
                    .expectEvents(new ReasonProposed(DEBATE, OTHER_REASON, CLAIM, Stance.AGAINST, "In hindsight it was luck", "bob", REASON));
            givenDebateWithReason()
                    .andGiven(RESOLVED_TRUE)
                    .when(new AcknowledgeReason(DEBATE, REASON, "bob", CONCEDED, null))
                    .expectEvents(new ReasonAcknowledged(DEBATE, REASON, "bob", CONCEDED, null));
        }
    }

    @Test
    void sequenceNumbersCountEveryEventOfTheDebate() {
        List<Object> history = new ArrayList<>(List.of(OPENED, ALICE, BOB, CLAIM_STATED));
        history.addAll(Collections.nCopies(20, new ViewUpdated(DEBATE, "bob", CLAIM, 0.5, null, null, List.of())));
        fixture.given(history)
                .when(new StateClaim(DEBATE, OTHER_CLAIM, "another", "bob"))
                .expectResultMessagePayload(25L);
    }
}
