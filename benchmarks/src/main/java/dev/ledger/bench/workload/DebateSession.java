package dev.ledger.bench.workload;

import dev.ledger.bench.workload.Command.Kind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A debate of realistic shape, driven command by command: it is opened (public), a few participants join and a claim
 * is stated, then commands are drawn in the proportions of real use (most are view updates and reasons; some
 * acknowledgements; now and then someone joins or states a new claim). When a debate has had its share of
 * events, a new one is opened (unless the session is pinned to one debate, as for the big debate).
 * Thread-safe: several clients may share one session; {@link #next()} answers null while the debate is not
 * ready for another command (it is being opened).
 */
public final class DebateSession {

    /** Share of each kind once a debate is set up; the rest (after these) are joins and new claims. */
    static final double VIEW_UPDATES = 0.45;
    static final double REASONS = 0.30;
    static final double ACKNOWLEDGEMENTS = 0.13;
    static final double JOINS = 0.07;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String[] WORDS = ("the a model evidence mimicry behaviour emerges training data fix audit cost "
            + "users latency design ledger claim reason because however therefore risk benefit measure test team "
            + "history replay event store schema change trade off simple complex rollout week budget clear unclear "
            + "strong weak prior update view credence argue agree disagree detail example source cite").split(" ");

    private record Reason(String reasonId, String claimId, String author) {
    }

    /** A debate the workload wrote, for the query figures: who is in it and when it was written. */
    public record WrittenDebate(String debateId, List<String> participants, List<Instant> joinedAt, List<String> claims,
                                long lastSequence, Instant openedAt, Instant lastWriteAt) {
    }

    private final String participantPrefix;
    private final long eventsPerDebate;
    private final Random random;
    private final Consumer<WrittenDebate> finished;

    private String debateId;
    private boolean opening;
    private long lastSequence;
    private long accepted;
    private int pendingJoins;
    private int pendingClaims;
    private int participantCounter;
    private long textCounter;
    private Instant openedAt;
    private Instant lastWriteAt;
    private final List<String> participants = new ArrayList<>();
    private final List<Instant> joinedAt = new ArrayList<>();
    private final List<String> claims = new ArrayList<>();
    private final List<Reason> reasons = new ArrayList<>();
    private final Map<String, List<Reason>> reasonsByClaim = new HashMap<>();

    /**
     * @param eventsPerDebate accepted commands after which a new debate is opened; {@code Long.MAX_VALUE} pins the
     *                        session to one debate
     * @param finished        told about each debate this session stops writing to (may be null)
     */
    public DebateSession(String participantPrefix, long eventsPerDebate, long seed, Consumer<WrittenDebate> finished) {
        this.participantPrefix = participantPrefix;
        this.eventsPerDebate = eventsPerDebate;
        this.random = new Random(seed);
        this.finished = finished;
    }

    public synchronized String debateId() {
        return debateId;
    }

    public synchronized long lastSequence() {
        return lastSequence;
    }

    public synchronized WrittenDebate written() {
        return debateId == null ? null
                : new WrittenDebate(debateId, List.copyOf(participants), List.copyOf(joinedAt), List.copyOf(claims), lastSequence,
                openedAt, lastWriteAt);
    }

    /** The next command, or null when the debate is not ready for one yet (try again in a moment). */
    public synchronized Command next() {
        if (debateId != null && accepted >= eventsPerDebate && pendingJoins == 0 && pendingClaims == 0) {
            if (finished != null) {
                finished.accept(written());
            }
            reset();
        }
        if (debateId == null) {
            if (opening) {
                return null;
            }
            opening = true;
            return open();
        }
        if (participants.size() + pendingJoins < 3) {
            return join();
        }
        if (participants.size() < 2) {
            return null;
        }
        if (claims.size() + pendingClaims < 1) {
            return stateClaim();
        }
        if (claims.isEmpty()) {
            return null;
        }
        double draw = random.nextDouble();
        if (draw < VIEW_UPDATES) {
            return updateView();
        }
        if (draw < VIEW_UPDATES + REASONS || reasons.isEmpty()) {
            return proposeReason();
        }
        if (draw < VIEW_UPDATES + REASONS + ACKNOWLEDGEMENTS) {
            return acknowledge();
        }
        if (draw < VIEW_UPDATES + REASONS + ACKNOWLEDGEMENTS + JOINS) {
            return join();
        }
        return stateClaim();
    }

    /** Records what an answered command created; returns the sequence it reported (0 when none). */
    public synchronized long apply(Command command, int status, String body) {
        boolean ok = status >= 200 && status < 300;
        JsonNode answer = ok && body != null && !body.isEmpty() ? JSON.readTree(body) : null;
        long sequence = answer == null ? 0 : answer.path("sequence").asLong(0);
        switch (command.kind()) {
            case OPEN_DEBATE -> {
                opening = false;
                if (answer != null) {
                    debateId = answer.path("debateId").asString();
                    openedAt = Instant.now();
                }
            }
            case JOIN -> {
                pendingJoins--;
                if (ok) {
                    participants.add(command.participantId());
                    joinedAt.add(Instant.now());
                }
            }
            case STATE_CLAIM -> {
                pendingClaims--;
                if (answer != null) {
                    claims.add(answer.path("claimId").asString());
                }
            }
            case PROPOSE_REASON -> {
                if (answer != null) {
                    Reason reason = new Reason(answer.path("reasonId").asString(), command.claimId(), command.participantId());
                    reasons.add(reason);
                    reasonsByClaim.computeIfAbsent(reason.claimId(), c -> new ArrayList<>()).add(reason);
                }
            }
            default -> {
            }
        }
        if (ok) {
            accepted++;
            lastSequence = Math.max(lastSequence, sequence);
            lastWriteAt = Instant.now();
        }
        return sequence;
    }

    private void reset() {
        debateId = null;
        lastSequence = 0;
        accepted = 0;
        participantCounter = 0;
        participants.clear();
        joinedAt.clear();
        claims.clear();
        reasons.clear();
        reasonsByClaim.clear();
    }

    private Command open() {
        // public: any account joins without an invitation, and the query figures read it without a token
        String body = "{\"title\":" + quote(sentence(6)) + ",\"description\":" + quote(sentence(35))
                + ",\"visibility\":\"public\"}";
        return new Command(Kind.OPEN_DEBATE, "POST", "/debates", body, null, null);
    }

    private Command join() {
        String participant = participantPrefix + "-" + (++participantCounter);
        pendingJoins++;
        String body = "{\"participantId\":" + quote(participant) + ",\"displayName\":" + quote("Participant " + participant) + "}";
        return new Command(Kind.JOIN, "POST", "/debates/" + debateId + "/participants", body, participant, null);
    }

    private Command stateClaim() {
        String by = any(participants);
        pendingClaims++;
        String body = "{\"statement\":" + quote(sentence(16)) + ",\"by\":" + quote(by) + "}";
        return new Command(Kind.STATE_CLAIM, "POST", "/debates/" + debateId + "/claims", body, by, null);
    }

    private Command proposeReason() {
        String claim = any(claims);
        String by = any(participants);
        List<Reason> onClaim = reasonsByClaim.getOrDefault(claim, List.of());
        String inReplyTo = !onClaim.isEmpty() && random.nextDouble() < 0.3 ? any(onClaim).reasonId() : null;
        // The counter keeps texts unique: the same author's same text on the same claim is refused (409).
        String text = "#" + (++textCounter) + " " + sentence(20 + random.nextInt(30));
        String body = "{\"claimId\":" + quote(claim) + ",\"stance\":" + quote(random.nextBoolean() ? "for" : "against")
                + ",\"text\":" + quote(text) + ",\"by\":" + quote(by)
                + (inReplyTo == null ? "" : ",\"inReplyTo\":" + quote(inReplyTo)) + "}";
        return new Command(Kind.PROPOSE_REASON, "POST", "/debates/" + debateId + "/reasons", body, by, claim);
    }

    private Command acknowledge() {
        Reason reason = any(reasons);
        String by = any(participants);
        if (by.equals(reason.author())) {
            // Acknowledging one's own reason is refused: pick the next participant instead.
            by = participants.get((participants.indexOf(by) + 1) % participants.size());
        }
        String body = "{\"by\":" + quote(by) + ",\"kind\":" + quote(random.nextDouble() < 0.8 ? "noted" : "conceded")
                + ",\"note\":" + quote(sentence(8)) + "}";
        return new Command(Kind.ACKNOWLEDGE, "POST", "/debates/" + debateId + "/reasons/" + reason.reasonId() + "/acknowledgements",
                body, by, reason.claimId());
    }

    private Command updateView() {
        String participant = any(participants);
        String claim = any(claims);
        List<Reason> onClaim = reasonsByClaim.getOrDefault(claim, List.of());
        StringBuilder because = new StringBuilder("[");
        int cited = onClaim.isEmpty() ? 0 : random.nextInt(Math.min(3, onClaim.size() + 1));
        for (int i = 0; i < cited; i++) {
            because.append(i == 0 ? "" : ",").append(quote(onClaim.get(onClaim.size() - 1 - i).reasonId()));
        }
        because.append(']');
        double credence = Math.round(random.nextDouble() * 1000) / 1000.0;
        String body = "{\"credence\":" + credence + ",\"rationale\":" + quote(sentence(12)) + ",\"becauseOf\":" + because + "}";
        return new Command(Kind.UPDATE_VIEW, "PUT", "/debates/" + debateId + "/participants/" + participant + "/views/" + claim,
                body, participant, claim);
    }

    private <T> T any(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String sentence(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
