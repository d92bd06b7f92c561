package dev.ledger.query.web;

import dev.ledger.query.api.DebateQueries;
import dev.ledger.query.api.Views.HistoryView;
import dev.ledger.query.api.Views.ViewChangeView;
import dev.ledger.web.request.PageRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The credence charts' data: each participant's view changes on a claim up to a debate sequence, read from the same
 * history the API answers ({@code /debates/{debateId}/participants/{participantId}/history}), with the rationale
 * and the reasons each change cites. The page carries it twice, as JSON for the chart script and as a table.
 */
@Component
class Trajectories {

    private final DebateQueries debates;
    private final JsonMapper json;

    Trajectories(DebateQueries debates, JsonMapper json) {
        this.debates = debates;
        this.json = json;
    }

    /** {@code until}: where the chart's time axis ends (the moment shown, or now); null for the last change. */
    public record Chart(String claimId, long sequence, Instant until, List<Series> series) {
    }

    /** One line of a chart: on a claim's page a participant (key: their id), on a participant's page a claim (key: its id). */
    public record Series(String key, String label, List<Point> points) {
    }

    /** One view change: {@code from} is null for a first view; {@code reasons} are the cited ones, in becauseOf order. */
    public record Point(long sequence, Instant at, Double from, double credence, String rationale, List<CitedReason> reasons) {
    }

    public record CitedReason(String reasonId, String stance, String by, String text) {
    }

    /** One series per participant: their view changes on the claim, up to {@code sequence}. */
    Chart chart(String debateId, String claimId, long sequence, List<String> participants,
                Function<String, String> displayName, Map<String, ReasonTree.Flat> reasons, Instant until) {
        List<Series> series = new ArrayList<>();
        for (String participant : participants) {
            List<Point> points = new ArrayList<>();
            for (ViewChangeView change : changes(debateId, participant, sequence)) {
                if (change.claimId().equals(claimId)) {
                    points.add(point(change, reasons));
                }
            }
            series.add(new Series(participant, displayName.apply(participant), points));
        }
        return new Chart(claimId, sequence, until, series);
    }

    /**
     * One participant's changes across claims, one series per claim (named by its statement, in the order the claims
     * were first given a view): the participant page's chart.
     */
    Chart byClaim(String debateId, String participant, long sequence, Map<String, String> statements,
                  Map<String, ReasonTree.Flat> reasons, Instant until) {
        Map<String, List<Point>> byClaim = new java.util.LinkedHashMap<>();
        for (ViewChangeView change : changes(debateId, participant, sequence)) {
            byClaim.computeIfAbsent(change.claimId(), id -> new ArrayList<>()).add(point(change, reasons));
        }
        List<Series> series = byClaim.entrySet().stream()
                .map(e -> new Series(e.getKey(), statements.getOrDefault(e.getKey(), e.getKey()), List.copyOf(e.getValue())))
                .toList();
        return new Chart(null, sequence, until, series);
    }

    /** The participant's history up to {@code sequence}, every page of it (bounded by WholeDebate.MAX_PAGES). */
    private List<ViewChangeView> changes(String debateId, String participant, long sequence) {
        List<ViewChangeView> changes = new ArrayList<>();
        Long after = 0L;
        for (int pages = 0; after != null && pages < WholeDebate.MAX_PAGES; pages++) {
            HistoryView page = debates.history(debateId, participant, new PageRequest(PageRequest.MAX_LIMIT, after));
            after = page.nextAfter();
            for (ViewChangeView change : page.changes()) {
                if (change.sequence() > sequence) {
                    return changes;
                }
                changes.add(change);
            }
        }
        return changes;
    }

    private static Point point(ViewChangeView change, Map<String, ReasonTree.Flat> reasons) {
        return new Point(change.sequence(), change.at(), change.from(), change.to(), change.rationale(),
                change.cites().stream().map(cited -> cited(cited, reasons)).toList());
    }

    private static CitedReason cited(dev.ledger.query.api.Views.CitedReason cited, Map<String, ReasonTree.Flat> reasons) {
        ReasonTree.Flat reason = reasons.get(cited.reasonId());
        return new CitedReason(cited.reasonId(), cited.stance(), cited.author(), reason == null ? null : reason.text());
    }

    /**
     * The chart's JSON, safe inside {@code <script type="application/json">}: no {@code <} can close the element,
     * whatever the texts hold.
     */
    String json(Chart chart) {
        return json.writeValueAsString(chart).replace("<", "\\u003c");
    }
}
