package dev.ledger.infra.demo;

import dev.ledger.infra.demo.LedgerClient.DemoFailure;
import dev.ledger.infra.http.AccountTokens;
import dev.ledger.infra.http.JsonHttp.Answer;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./ledger demo}: logs a sample debate through the public REST API, as a team would over several
 * weeks, then prints each participant's current beliefs and the history of their changes. At the end the owner
 * resolves one claim, and the demo prints its scores, the credit of its reasons and everyone's engagement coverage
 * (docs/scoring.md); the ledger times them by the real time of each event, so the open period is the demo's few seconds.
 * <p>
 * Each persona acts with its own account's token (made through the admin API with the service token). Amara opens
 * the debate, private as every debate is unless opened as public, and invites the others before they join; each
 * persona reads with its own token, and an anonymous read of the debate is refused with 404.
 * <p>
 * The steps are labelled "week 1", "week 2", ...; the ledger itself records the real time of each event.
 * Every run opens a new debate. The last line is {@code DEBATE_ID=<id>} for scripts.
 */
public final class DemoDebate {

    private record Participant(String id, String displayName) {
    }

    private static final Participant AMARA = new Participant("amara", "Amara Osei");
    private static final Participant LUKAS = new Participant("lukas", "Lukas Brenner");
    private static final Participant PRIYA = new Participant("priya", "Priya Raman");
    private static final Participant SVEN = new Participant("sven", "Sven Dahl");
    private static final List<Participant> PARTICIPANTS = List.of(AMARA, LUKAS, PRIYA, SVEN);

    private static final List<String> AMARAS_MESSAGE = List.of(
            "The fixes are not the same: imitation points at the training data (filter or counterbalance that "
                    + "writing), while behaviour that arises on its own points at the training process and how we oversee it.",
            "It decides how much credit the researchers' earlier predictions deserve: a model acting out what it read "
                    + "is no evidence that those predictions were right, nor that they were wrong.",
            "Behaviour that arises without a script would tell us something about what these models can represent "
                    + "and plan internally; imitation tells us much less.");

    private final LedgerClient ledger;
    private final PrintStream out = System.out;
    private final Map<String, String> labels = new HashMap<>();        // claim and reason ids -> C1, R1, ...
    private final Map<Long, String> weekOfSequence = new HashMap<>();
    private final Map<String, String> claimStatements = new LinkedHashMap<>();
    private String week = "week 1";
    private String debate;
    private int claims;
    private int reasons;

    private DemoDebate(LedgerClient ledger) {
        this.ledger = ledger;
    }

    public static void main(String[] args) {
        String commandUrl = "http://127.0.0.1:8080";
        String queryUrl = "http://127.0.0.1:8081";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ((option.equals("--command-url") || option.equals("--query-url")) && i + 1 < args.length) {
                if (option.equals("--command-url")) {
                    commandUrl = args[++i];
                } else {
                    queryUrl = args[++i];
                }
            } else if (option.equals("--help") || option.equals("-h")) {
                System.out.println("usage: ./ledger demo [--command-url URL] [--query-url URL]");
                return;
            } else {
                System.err.println("demo: unknown option " + option + "; usage: ./ledger demo [--command-url URL] [--query-url URL]");
                System.exit(2);
            }
        }
        try {
            String serviceToken;
            try {
                serviceToken = AccountTokens.serviceTokenFromEnvironment();
            } catch (IllegalStateException e) {
                throw new DemoFailure(e.getMessage());
            }
            new DemoDebate(new LedgerClient(commandUrl, queryUrl, new AccountTokens(commandUrl, serviceToken))).run();
        } catch (DemoFailure e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() {
        ledger.requireReachable();

        week("week 1");
        debate = ledger.command(AMARA.id(), "POST", "/debates", body(
                "title", "Imitation, or its own doing?",
                "description", "Does the worrying behaviour in the model's evaluation reports come from imitating "
                        + "AI-alignment writing in its training data, or does it arise on its own?"))
                .path("debateId").asString();
        record(1);
        say("amara opened the private debate " + debate + ": \"Imitation, or its own doing?\"");
        join(AMARA);
        invite(LUKAS);
        join(LUKAS);
        String distinction = claim(AMARA, "Whether the behaviour is imitated from alignment writing or arises on its own "
                + "is a distinction worth drawing.");
        List<String> amarasReasons = new ArrayList<>();
        for (String text : AMARAS_MESSAGE) {
            amarasReasons.add(reason(AMARA, distinction, "for", text, null));
        }
        postTheSameMessageAgain(distinction, amarasReasons);
        view(AMARA, distinction, 0.85, "I would act differently depending on the answer.");
        acknowledge(LUKAS, amarasReasons.get(0), "noted", "Thanks for laying this out so clearly, that helps.");
        acknowledge(LUKAS, amarasReasons.get(1), "noted", null);
        acknowledge(LUKAS, amarasReasons.get(2), "noted", null);
        view(LUKAS, distinction, 0.4, "Interesting, but I am not convinced the answer would change what we do.");

        week("week 2");
        String unmeasurable = reason(LUKAS, distinction, "against",
                "From the outside the two look the same; a distinction we cannot measure should not steer decisions.", null);
        String measurable = reason(AMARA, distinction, "for",
                "It can be measured in part: train comparable models with and without that writing, and look for the "
                        + "behaviour in situations the writing never describes.", unmeasurable);
        invite(PRIYA);
        invite(SVEN);
        join(PRIYA);
        join(SVEN);
        String filtering = claim(PRIYA, "Taking discussions of AI misalignment out of the training data would noticeably "
                + "reduce the behaviour.");
        String framing = reason(PRIYA, filtering, "for", "Models lean heavily on the framing of the texts they saw most, "
                + "and the behaviour closely follows the scenarios those discussions describe.", null);
        String unscripted = reason(SVEN, filtering, "against", "Comparable behaviour appears in tasks that no alignment "
                + "text describes, which imitation alone does not explain.", null);
        view(PRIYA, filtering, 0.65, "Most of the examples I have seen read like the stories in those essays.");
        view(SVEN, filtering, 0.25, "Some of it is imitation, but not most of it.");
        view(SVEN, distinction, 0.7, "If I am right about the filtering claim, this distinction is exactly what we need.");

        week("week 3");
        acknowledge(LUKAS, measurable, "conceded", "Fair point: that comparison would tell the two apart, at least partly.");
        view(LUKAS, distinction, 0.7, "The point about the earlier predictions won me over: without the distinction "
                + "we would misread the evidence either way.", amarasReasons.get(1));
        acknowledge(PRIYA, unscripted, "conceded", "I had not seen those cases; they count against pure imitation.");
        view(PRIYA, filtering, 0.4, "Sven's cases show the behaviour without any script to copy.", unscripted);
        acknowledge(SVEN, framing, "noted", null);

        week("week 4");
        view(PRIYA, distinction, 0.8, "If the remedies differ, we need to know which one to pay for.", amarasReasons.get(0));
        view(AMARA, distinction, 0.9, "The comparison design makes the distinction testable.", measurable);
        view(SVEN, filtering, 0.3, "The framing point holds for some of the cases.", framing);

        week("week 5");
        resolve(AMARA, filtering, false, "The comparison was run: without those discussions in the training data the "
                + "behaviour dropped by about a tenth, not noticeably.");
        viewOnAResolvedClaimIsRefused(PRIYA, filtering, 0.1);

        out.println();
        printDebate();
        for (Participant participant : PARTICIPANTS) {
            printBeliefsAndHistory(participant);
        }
        printResolution(filtering);
        int anonymous = ledger.anonymousQueryStatus(path(""));
        out.println("Read without a token, GET " + path("") + " answers " + anonymous
                + " (the debate is private: only its participants and invited accounts see it).");
        if (anonymous != 404) {
            throw new DemoFailure("an anonymous read of the private debate answered " + anonymous + " instead of 404");
        }
        out.println("DEBATE_ID=" + debate);
    }

    // ------------------------------------------------------------------------------------------ the steps

    private void week(String label) {
        week = label;
        out.println();
        out.println("== " + label);
    }

    /** The owner (amara) invites a persona as a member; only invited accounts may join a private debate. */
    private void invite(Participant participant) {
        record(ledger.command(AMARA.id(), "POST", path("/invitations"), body("handle", participant.id(), "role", "member")));
        say(AMARA.id() + " invites " + participant.id() + " as a member");
    }

    /** Joins as the caller: the token says who joins, the body only the display name. */
    private void join(Participant participant) {
        record(ledger.command(participant.id(), "POST", path("/participants"), body("displayName", participant.displayName())));
        say(participant.displayName() + " (" + participant.id() + ") joins");
    }

    private String claim(Participant by, String statement) {
        JsonNode answer = ledger.command(by.id(), "POST", path("/claims"), body("statement", statement, "by", by.id()));
        record(answer);
        String id = answer.path("claimId").asString();
        String label = "C" + (++claims);
        labels.put(id, label);
        claimStatements.put(id, statement);
        say(by.id() + " states " + label + ": " + statement);
        return id;
    }

    private String reason(Participant by, String claimId, String stance, String text, String inReplyTo) {
        JsonNode answer = ledger.command(by.id(), "POST", path("/reasons"),
                body("claimId", claimId, "stance", stance, "text", text, "by", by.id(), "inReplyTo", inReplyTo));
        record(answer);
        String id = answer.path("reasonId").asString();
        String label = "R" + (++reasons);
        labels.put(id, label);
        say(by.id() + " gives " + label + " " + stance + " " + label(claimId)
                + (inReplyTo == null ? "" : ", replying to " + label(inReplyTo)) + ": " + text);
        return id;
    }

    /** Amara's network hiccup: her whole message goes out a second time. The ledger must refuse every reason. */
    private void postTheSameMessageAgain(String claimId, List<String> originals) {
        say("amara's message is accidentally posted a second time:");
        for (int i = 0; i < AMARAS_MESSAGE.size(); i++) {
            // The copy differs only in case and white space, which the ledger ignores when it compares reasons.
            String resent = i == 1 ? "  " + AMARAS_MESSAGE.get(i).toUpperCase(Locale.ROOT).replace(" ", "  ")
                    : AMARAS_MESSAGE.get(i);
            Answer answer = ledger.attempt(AMARA.id(), "POST", path("/reasons"),
                    body("claimId", claimId, "stance", "for", "text", resent, "by", AMARA.id()));
            if (answer.status() != 409) {
                throw new DemoFailure("the repeated reason was answered " + answer.status()
                        + " instead of 409 Conflict: " + answer.body());
            }
            String existing = text(answer.body(), "existingReasonId");
            out.printf("           refused: %d %s (%s); existing reason %s%n", answer.status(),
                    text(answer.body(), "title"), answer.contentType(),
                    existing.isEmpty() ? "(not named)" : label(existing));
            String detail = text(answer.body(), "detail");
            if (i == 0 && !detail.isEmpty()) {
                out.println("             " + detail);
            }
            if (!existing.isEmpty() && !existing.equals(originals.get(i))) {
                throw new DemoFailure("the refusal named " + existing + " instead of the original " + originals.get(i));
            }
        }
    }

    private void acknowledge(Participant by, String reasonId, String kind, String note) {
        record(ledger.command(by.id(), "POST", path("/reasons/" + reasonId + "/acknowledgements"),
                body("by", by.id(), "kind", kind, "note", note)));
        say(by.id() + " " + kind + " " + label(reasonId) + (note == null ? "" : ": \"" + note + "\""));
    }

    private void view(Participant who, String claimId, double credence, String rationale, String... becauseOf) {
        JsonNode answer = ledger.command(who.id(), "PUT", path("/participants/" + who.id() + "/views/" + claimId),
                body("credence", credence, "rationale", rationale, "becauseOf", List.of(becauseOf)));
        record(answer);
        JsonNode previous = answer.path("previous");
        say(who.id() + " puts " + label(claimId) + " at " + credence(null, credence)
                + (previous.isNumber() ? " (was " + credence(previous, 0) + ")" : "")
                + (becauseOf.length == 0 ? "" : " because of " + labels(List.of(becauseOf))));
    }

    /** The owner declares what turned out true about a claim. */
    private void resolve(Participant owner, String claimId, boolean outcome, String note) {
        record(ledger.command(owner.id(), "POST", path("/claims/" + claimId + "/resolution"),
                body("outcome", outcome, "note", note)));
        say(owner.id() + " resolves " + label(claimId) + " " + outcome + ": " + note);
    }

    /** A resolved claim's views are frozen, so every score covers the same period: a late change is refused. */
    private void viewOnAResolvedClaimIsRefused(Participant who, String claimId, double credence) {
        Answer answer = ledger.attempt(who.id(), "PUT", path("/participants/" + who.id() + "/views/" + claimId),
                body("credence", credence));
        if (answer.status() != 409) {
            throw new DemoFailure("a view update on the resolved claim was answered " + answer.status()
                    + " instead of 409 Conflict: " + answer.body());
        }
        say(who.id() + " tries to put " + label(claimId) + " at " + credence(null, credence) + " after the fact: refused "
                + answer.status() + " (" + text(answer.body(), "type") + ")");
    }

    private void record(JsonNode answer) {
        LedgerClient.sequenceOf(answer).ifPresent(this::record);
    }

    private void record(long sequence) {
        weekOfSequence.put(sequence, week);
    }

    private void say(String line) {
        out.println("  " + line);
    }

    // ------------------------------------------------------------------------------------------ reading back

    private void printDebate() {
        JsonNode view = ledger.query(AMARA.id(), "/debates/" + debate);
        out.println("== The debate as the query side sees it: " + text(view, "title"));
        claimStatements.forEach((id, statement) -> out.println(label(id) + ": " + statement));
        Map<String, JsonNode> reasonsInView = new LinkedHashMap<>();
        collectReasons(view, reasonsInView);
        TextTable table = new TextTable(List.of("reason", "stance", "by", "on", "reply to", "acknowledged", "text"),
                6, 7, 6, 5, 8, 40, 50);
        for (Map.Entry<String, JsonNode> entry : reasonsInView.entrySet()) {
            JsonNode reason = entry.getValue();
            List<String> acknowledgements = new ArrayList<>();
            for (JsonNode acknowledgement : reason.path("acknowledgements")) {
                String note = text(acknowledgement, "note");
                acknowledgements.add(text(acknowledgement, "by", "participantId") + " " + text(acknowledgement, "kind")
                        + (note.isEmpty() ? "" : " \"" + note + "\""));
            }
            String inReplyTo = text(reason, "inReplyTo");
            table.row(label(entry.getKey()), text(reason, "stance"), text(reason, "by", "proposedBy"),
                    label(text(reason, "claimId")), inReplyTo.isEmpty() ? "" : label(inReplyTo),
                    String.join("; ", acknowledgements), text(reason, "text"));
        }
        out.print(table.render());
        if (reasonsInView.isEmpty()) {
            out.println("(could not find reasons in the debate view: " + view + ")");
            return;
        }
        long copies = reasonsInView.values().stream()
                .filter(reason -> normalized(text(reason, "text")).equals(normalized(AMARAS_MESSAGE.get(0))))
                .count();
        out.printf("Reasons stored: %d (%d proposed); copies of amara's first reason: %d, so the double post left no duplicate.%n%n",
                reasonsInView.size(), reasons, copies);
        if (copies != 1 || reasonsInView.size() != reasons) {
            throw new DemoFailure("the debate holds " + reasonsInView.size() + " reasons (" + copies
                    + " copies of the first) but " + reasons + " were accepted");
        }
    }

    /** Reasons wherever the view nests them: any object with a reasonId and a text. */
    private static void collectReasons(JsonNode node, Map<String, JsonNode> found) {
        if (node.isObject() && node.has("reasonId") && node.has("text")) {
            found.putIfAbsent(node.path("reasonId").asString(), node);
        }
        if (node.isObject() || node.isArray()) {
            for (JsonNode child : node) {
                collectReasons(child, found);
            }
        }
    }

    private void printBeliefsAndHistory(Participant participant) {
        out.println("== " + participant.displayName() + " (" + participant.id() + ")");
        JsonNode beliefs = ledger.query(participant.id(), path("/participants/" + participant.id() + "/beliefs"));
        out.println("Current beliefs:");
        TextTable current = new TextTable(List.of("claim", "credence", "since", "because of", "rationale"), 5, 8, 14, 10, 70);
        for (JsonNode belief : array(beliefs, "beliefs")) {
            current.row(label(text(belief, "claimId")), credence(belief.path("credence"), Double.NaN),
                    when(belief, "since", true), labels(ids(belief.path("becauseOf"))), text(belief, "rationale"));
        }
        out.print(current.render());

        JsonNode history = ledger.query(participant.id(), path("/participants/" + participant.id() + "/history"));
        out.println("History of changes:");
        TextTable changes = new TextTable(List.of("when", "seq", "claim", "from", "to", "because of", "rationale"),
                8, 4, 5, 5, 5, 10, 64);
        for (JsonNode change : array(history, "changes", "history")) {
            JsonNode from = first(change, "from", "previousCredence", "previous");
            changes.row(when(change, "at", false), text(change, "sequence"), label(text(change, "claimId")),
                    from.isNumber() ? credence(from, 0) : "-", credence(first(change, "to", "credence"), Double.NaN),
                    labels(ids(change.path("becauseOf"))), text(change, "rationale"));
        }
        out.print(changes.render());
        out.println();
    }

    /** The three tables of a resolved claim, from the query API: scores, reason credit, engagement coverage. */
    private void printResolution(String claimId) {
        String claim = path("/claims/" + claimId);
        JsonNode scores = ledger.query(AMARA.id(), claim + "/scores");
        out.println("== " + label(claimId) + " resolved " + text(scores, "outcome") + ": scores (docs/scoring.md)");
        out.println("Brier: lower is better, 0 perfect; log: higher is better, 0 perfect; both over the time a view was held.");
        out.println("baseline and peer (Metaculus): higher is better, over the whole open period, no view scoring 0.");
        TextTable scoreTable = new TextTable(List.of("participant", "held for", "Brier", "log", "baseline", "peer"),
                12, 9, 7, 7, 9, 9);
        for (JsonNode score : array(scores, "participants")) {
            scoreTable.row(text(score, "participantId"), seconds(score.path("heldFor")), number(score.path("brier"), 3),
                    number(score.path("log"), 3), number(score.path("baseline"), 1), number(score.path("peer"), 1));
        }
        out.print(scoreTable.render());
        out.println();

        JsonNode credit = ledger.query(AMARA.id(), claim + "/reason-credit");
        out.println("== Credit for the reasons on " + label(claimId) + " (log-score points of the view changes citing them)");
        TextTable creditTable = new TextTable(List.of("reason", "stance", "credit", "moved", "text"), 6, 7, 8, 16, 60);
        for (JsonNode reason : array(credit, "reasons")) {
            creditTable.row(label(text(reason, "reasonId")), text(reason, "stance"), number(reason.path("credit"), 4),
                    String.join(", ", ids(reason.path("movedParticipants"))), text(reason, "text"));
        }
        out.print(creditTable.render());
        out.println("Changes citing no reason: " + number(credit.path("uncited"), 4) + " points.");
        out.println();

        JsonNode engagement = ledger.query(AMARA.id(), claim + "/engagement");
        out.println("== Engagement with the opposing reasons on " + label(claimId)
                + " (acknowledged, replied to or cited / reasons against one's view)");
        TextTable engagementTable = new TextTable(List.of("participant", "credence", "opposing", "engaged", "coverage"),
                12, 8, 8, 7, 8);
        for (JsonNode participant : array(engagement, "participants")) {
            JsonNode credence = participant.path("credence");
            engagementTable.row(text(participant, "participantId"), credence.isNumber() ? credence(credence, 0) : "no view",
                    count(participant.path("opposing")), count(participant.path("engaged")),
                    number(participant.path("coverage"), 2));
        }
        out.print(engagementTable.render());
        out.println();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String path(String suffix) {
        return "/debates/" + debate + suffix;
    }

    /** The demo's week for an event, from its sequence; otherwise the time the ledger recorded. */
    private String when(JsonNode node, String timeField, boolean withSequence) {
        JsonNode sequence = node.path("sequence");
        if (sequence.isNumber() && weekOfSequence.containsKey(sequence.asLong())) {
            return weekOfSequence.get(sequence.asLong()) + (withSequence ? " (#" + sequence.asLong() + ")" : "");
        }
        return text(node, timeField);
    }

    private String label(String id) {
        return labels.getOrDefault(id, id);
    }

    private String labels(List<String> ids) {
        List<String> named = new ArrayList<>();
        for (String id : ids) {
            named.add(label(id));
        }
        return String.join(", ", named);
    }

    /** becauseOf as plain ids, or as objects carrying a reasonId. */
    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : list) {
            ids.add(item.isObject() ? text(item, "reasonId", "id") : item.asString());
        }
        return ids;
    }

    private static Iterable<JsonNode> array(JsonNode body, String... names) {
        JsonNode array = first(body, names);
        if (array.isArray()) {
            return array;
        }
        if (body.isArray()) {
            return body;
        }
        throw new DemoFailure("expected a list named " + String.join(" or ", names) + " in " + body);
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.path(name);
            if (!value.isMissingNode() && !value.isNull()) {
                return value;
            }
        }
        return node.path(names[0]);
    }

    private static String text(JsonNode node, String... names) {
        JsonNode value = first(node, names);
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        return "";
    }

    private static String credence(JsonNode value, double otherwise) {
        double credence = value != null && value.isNumber() ? value.asDouble() : otherwise;
        return Double.isNaN(credence) ? "?" : String.format(Locale.ROOT, "%.2f", credence);
    }

    /** A score or share, "-" where there is none (null: nothing to average over). */
    private static String number(JsonNode value, int decimals) {
        return value.isNumber() ? String.format(Locale.ROOT, "%." + decimals + "f", value.asDouble()) : "-";
    }

    private static String seconds(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2f s", value.asDouble()) : "-";
    }

    /** A count given as a number, or as the list it counts. */
    private static String count(JsonNode value) {
        return value.isArray() ? String.valueOf(value.size()) : value.isNumber() ? value.asString() : "-";
    }

    private static String normalized(String text) {
        return text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
