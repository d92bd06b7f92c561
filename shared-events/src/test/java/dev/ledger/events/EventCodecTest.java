package dev.ledger.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins the wire format. {@code golden/v<N>/<Type>.json} is exactly what version N of an event looked like on
 * the topic; every file ever added stays and must stay readable, and the newest version of each type is
 * what the writer produces today.
 */
class EventCodecTest {

    private static final String DEBATE = "3f1c2a9e-0b7d-4c55-9a51-2f6f0e8d7c11";
    private static final String CLAIM = "7a0c9d1e-2f3b-4c5d-8e9f-a0b1c2d3e4f5";
    private static final String REASON = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e";

    private static final String TITLE = "Where does the model's worrying behaviour come from?";
    private static final String DESCRIPTION = "Mimicry of alignment writing, or something that arises on its own?";

    private static final Map<EventType, EventEnvelope> EXPECTED = Map.of(
            EventType.DEBATE_OPENED, envelope(1, "2026-11-02T09:15:00Z",
                    new DebateOpened(DEBATE, TITLE, DESCRIPTION, "ada", Visibility.PRIVATE)),
            EventType.PARTICIPANT_JOINED, envelope(2, "2026-11-02T09:16:00Z",
                    new ParticipantJoined(DEBATE, "ada", "Ada L.", Role.OWNER)),
            EventType.PARTICIPANT_INVITED, envelope(7, "2026-11-11T08:00:00Z",
                    new ParticipantInvited(DEBATE, "cleo", Role.OBSERVER, "ada")),
            EventType.PARTICIPANT_ROLE_CHANGED, envelope(8, "2026-11-11T08:05:00Z",
                    new ParticipantRoleChanged(DEBATE, "ben", Role.OBSERVER, "ada")),
            EventType.CLAIM_STATED, envelope(3, "2026-11-02T09:20:00Z", new ClaimStated(DEBATE, CLAIM,
                    "It matters to tell mimicry apart from behaviour that arises on its own.", "ada")),
            EventType.REASON_PROPOSED, envelope(4, "2026-11-02T09:21:00Z", new ReasonProposed(DEBATE, REASON, CLAIM,
                    Stance.FOR, "The fixes would differ.", "ada", null)),
            EventType.REASON_ACKNOWLEDGED, envelope(5, "2026-11-03T10:00:00Z", new ReasonAcknowledged(DEBATE, REASON, "ben",
                    AcknowledgementKind.NOTED, "Thanks, fair point.")),
            EventType.VIEW_UPDATED, envelope(6, "2026-11-10T16:45:30.125Z", new ViewUpdated(DEBATE, "ben", CLAIM, 0.7, 0.4,
                    "The point about fixes convinced me.", List.of(REASON))),
            EventType.CLAIM_RESOLVED, envelope(9, "2026-12-01T12:00:00Z",
                    new ClaimResolved(DEBATE, CLAIM, true, "The ablation study settled it.", "ada")),
            EventType.CLAIM_RESOLUTION_ANNULLED, EventEnvelope.of("0d8e6c52-6b0a-4d1e-9d7f-1c2b3a4d5e10", 10,
                    Instant.parse("2026-12-02T08:30:00Z"), new ClaimResolutionAnnulled(DEBATE, CLAIM, "The study was retracted.", "ada")));

    /**
     * What a golden file of an older version reads as, where that differs from the current one: the upcaster's
     * defaults (no owner, public; member), not the values of the newer file.
     */
    private static final Map<String, EventEnvelope> EXPECTED_FROM_OLDER = Map.of(
            "v1/DebateOpened", envelope(1, "2026-11-02T09:15:00Z",
                    new DebateOpened(DEBATE, TITLE, DESCRIPTION, null, Visibility.PUBLIC)),
            "v1/ParticipantJoined", envelope(2, "2026-11-02T09:16:00Z",
                    new ParticipantJoined(DEBATE, "ada", "Ada L.", Role.MEMBER)));

    private final EventCodec codec = new EventCodec();
    private final JsonMapper plainJson = JsonMapper.builder().build();

    private static EventEnvelope envelope(long sequence, String at, DebateEvent payload) {
        return EventEnvelope.of("0d8e6c52-6b0a-4d1e-9d7f-1c2b3a4d5e0" + sequence, sequence, Instant.parse(at), payload);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void readsTheGoldenFileOfEveryVersionOfEveryEventTypeAsTheCurrentShape(EventType type) throws IOException {
        for (int version = 1; version <= type.currentVersion(); version++) {
            assertThat(codec.fromJson(golden(version, type.wireName())))
                    .as("%s version %d", type.wireName(), version)
                    .isEqualTo(EXPECTED_FROM_OLDER.getOrDefault("v" + version + "/" + type.wireName(), EXPECTED.get(type)));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void writesExactlyTheGoldenFileOfTheCurrentVersionOfEveryEventType(EventType type) throws IOException {
        String written = codec.toJson(EXPECTED.get(type));
        assertThat(plainJson.readTree(written)).isEqualTo(plainJson.readTree(golden(type)));
    }

    @Test
    void upcastsAViewUpdateWrittenBeforeBecauseOfWasRequired() throws IOException {
        EventEnvelope read = codec.fromJson(golden(1, "ViewUpdated-without-becauseOf"));

        ViewUpdated expected = (ViewUpdated) EXPECTED.get(EventType.VIEW_UPDATED).payload();
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.payload()).isEqualTo(new ViewUpdated(expected.debateId(), expected.participantId(),
                expected.claimId(), expected.credence(), expected.previousCredence(), expected.rationale(), List.of()));
    }

    @Test
    void refusesACurrentViewUpdateWithoutBecauseOf() throws IOException {
        String withoutBecauseOf = golden(1, "ViewUpdated-without-becauseOf").replace("\"version\":1", "\"version\":2");

        assertThatThrownBy(() -> codec.fromJson(withoutBecauseOf))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.INVALID_PAYLOAD))
                .hasMessageContaining("becauseOf");
    }

    @Test
    void upcastsAStoredPayloadHeldAsText() throws IOException {
        ViewUpdated expected = (ViewUpdated) EXPECTED.get(EventType.VIEW_UPDATED).payload();
        String v1Payload = plainJson.readTree(golden(1, "ViewUpdated-without-becauseOf")).get("payload").toString();

        String current = PayloadUpcaster.toCurrent(EventType.VIEW_UPDATED, 1, v1Payload);

        assertThat(codec.payloadFromJson(current, ViewUpdated.class).becauseOf()).isEmpty();
        assertThat(PayloadUpcaster.toCurrent(EventType.VIEW_UPDATED, 2, codec.payloadToJson(expected)))
                .isEqualTo(codec.payloadToJson(expected));
    }

    @Test
    void upcastsADebateOpenedBeforeAccountsToAPublicDebateWithoutOwnerAndItsJoinsToMembers() throws IOException {
        DebateOpened opened = (DebateOpened) codec.fromJson(golden(1, "DebateOpened")).payload();
        ParticipantJoined joined = (ParticipantJoined) codec.fromJson(golden(1, "ParticipantJoined")).payload();

        assertThat(opened.openedBy()).isNull();
        assertThat(opened.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(joined.role()).isEqualTo(Role.MEMBER);
        String v1Payload = plainJson.readTree(golden(1, "ParticipantJoined")).get("payload").toString();
        assertThat(codec.payloadFromJson(PayloadUpcaster.toCurrent(EventType.PARTICIPANT_JOINED, 1, v1Payload),
                ParticipantJoined.class).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void refusesACurrentDebateOpenedWithoutVisibilityAndAnInvitationAsOwner() throws IOException {
        String withoutVisibility = golden(EventType.DEBATE_OPENED).replace(",\"visibility\":\"private\"", "");
        String invitedAsOwner = golden(EventType.PARTICIPANT_INVITED).replace("\"role\":\"observer\"", "\"role\":\"owner\"");

        assertThatThrownBy(() -> codec.fromJson(withoutVisibility))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.INVALID_PAYLOAD))
                .hasMessageContaining("visibility");
        assertThatThrownBy(() -> codec.fromJson(invitedAsOwner))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.INVALID_PAYLOAD))
                .hasMessageContaining("owner");
    }

    @Test
    void roundTripsAResolutionWithoutNoteAndRefusesOneWithoutOutcomeAndAnAnnulmentWithoutNote() throws IOException {
        EventEnvelope withoutNote = envelope(9, "2026-12-01T12:00:00Z", new ClaimResolved(DEBATE, CLAIM, false, null, "ada"));
        String resolvedWithoutOutcome = golden(EventType.CLAIM_RESOLVED).replace("\"outcome\":true,", "");
        String annulledWithoutNote = golden(EventType.CLAIM_RESOLUTION_ANNULLED)
                .replace("\"note\":\"The study was retracted.\"", "\"note\":\" \"");

        assertThat(codec.fromJson(codec.toJson(withoutNote))).isEqualTo(withoutNote);
        assertThat(((ClaimResolved) codec.fromJson(codec.toJson(withoutNote)).payload()).outcome()).isFalse();
        assertThatThrownBy(() -> codec.fromJson(resolvedWithoutOutcome))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.INVALID_PAYLOAD))
                .hasMessageContaining("outcome");
        assertThatThrownBy(() -> codec.fromJson(annulledWithoutNote))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.INVALID_PAYLOAD))
                .hasMessageContaining("note");
    }

    @Test
    void everyEventTypeHasAGoldenFile() {
        assertThat(EXPECTED).containsOnlyKeys(EventType.values());
    }

    @Test
    void ignoresPayloadFieldsItDoesNotKnow() throws IOException {
        String withExtra = golden(EventType.PARTICIPANT_JOINED).replace("\"displayName\"", "\"avatar\":\"x.png\",\"displayName\"");
        assertThat(codec.fromJson(withExtra)).isEqualTo(EXPECTED.get(EventType.PARTICIPANT_JOINED));
    }

    @Test
    void refusesRecordsThatAreNotJson() {
        assertThatThrownBy(() -> codec.fromJson("{not json"))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.MALFORMED));
    }

    @Test
    void refusesUnknownEventTypes() throws IOException {
        String unknown = golden(EventType.DEBATE_OPENED).replace("\"type\":\"DebateOpened\"", "\"type\":\"DebateArchived\"");
        assertThatThrownBy(() -> codec.fromJson(unknown))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.UNKNOWN_TYPE));
    }

    @Test
    void refusesVersionsNewerThanItKnows() throws IOException {
        int current = EventType.DEBATE_OPENED.currentVersion();
        String newer = golden(EventType.DEBATE_OPENED).replace("\"version\":" + current, "\"version\":" + (current + 1));
        assertThatThrownBy(() -> codec.fromJson(newer))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.NEWER_VERSION));
    }

    @Test
    void refusesPayloadsThatBreakTheContract() throws IOException {
        String outOfRange = golden(EventType.VIEW_UPDATED).replace("\"credence\":0.7", "\"credence\":1.5");
        assertThatThrownBy(() -> codec.fromJson(outOfRange))
                .isInstanceOfSatisfying(UnreadableEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.INVALID_PAYLOAD);
                    assertThat(e.getMessage()).contains("credence");
                });
    }

    @Test
    void refusesAnEnvelopeWhoseDebateDiffersFromItsPayload() throws IOException {
        String mismatched = golden(EventType.DEBATE_OPENED).replaceFirst("\"debateId\":\"" + DEBATE + "\"", "\"debateId\":\"other\"");
        assertThatThrownBy(() -> codec.fromJson(mismatched))
                .isInstanceOfSatisfying(UnreadableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableEventException.Reason.INVALID_PAYLOAD));
    }

    @Test
    void readsTheHeaderOfAnEventWhosePayloadItCannotRead() throws IOException {
        String unknown = golden(EventType.CLAIM_STATED).replace("\"type\":\"ClaimStated\"", "\"type\":\"ClaimRetracted\"");
        assertThat(codec.readHeader(unknown)).contains(new EnvelopeHeader(
                "0d8e6c52-6b0a-4d1e-9d7f-1c2b3a4d5e03", "ClaimRetracted", 1, DEBATE, 3));
        assertThat(codec.readHeader("[1,2]")).isEmpty();
        assertThat(codec.readHeader("not json")).isEmpty();
    }

    @Test
    void roundTripsAPayloadOnItsOwn() {
        ViewUpdated first = new ViewUpdated(DEBATE, "ada", CLAIM, 0.25, null, null, List.of());
        assertThat(codec.payloadFromJson(codec.payloadToJson(first), ViewUpdated.class)).isEqualTo(first);
        assertThat(first.becauseOf()).isEmpty();
    }

    private static String golden(EventType type) throws IOException {
        return golden(type.currentVersion(), type.wireName());
    }

    private static String golden(int version, String name) throws IOException {
        try (InputStream in = EventCodecTest.class.getResourceAsStream("/golden/v" + version + "/" + name + ".json")) {
            assertThat(in).as("golden file v%d/%s", version, name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
