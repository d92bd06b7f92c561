package dev.ledger.query.web;

import dev.ledger.query.api.Views.AcknowledgementView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reasons as the pages show them: a tree of replies, each reason with its acknowledgements and its influence (the
 * sum of |attributed shift| over the view changes citing it, null when none cites it). Built from reasons in the
 * order they were proposed, so a parent always comes before its replies; a reply whose parent is not in the list
 * stays at the top level.
 */
public final class ReasonTree {

    private ReasonTree() {
    }

    public record Node(String reasonId, String stance, String text, String by, String inReplyTo, Instant proposedAt,
                List<AcknowledgementView> acknowledgements, Double influence, List<Node> replies) {

        public long conceded() {
            return acknowledgements.stream().filter(a -> "conceded".equals(a.kind())).count();
        }

        public long noted() {
            return acknowledgements.stream().filter(a -> "noted".equals(a.kind())).count();
        }
    }

    /** One reason as read, before it has its place in the tree. */
    public record Flat(String reasonId, String stance, String text, String by, String inReplyTo, Instant proposedAt,
                List<AcknowledgementView> acknowledgements) {
    }

    static List<Node> of(List<Flat> reasons, Map<String, Double> influence) {
        Map<String, List<Node>> repliesById = new LinkedHashMap<>();
        List<Node> topLevel = new ArrayList<>();
        for (Flat reason : reasons) {
            List<Node> replies = new ArrayList<>();
            repliesById.put(reason.reasonId(), replies);
            Node node = new Node(reason.reasonId(), reason.stance(), reason.text(), reason.by(), reason.inReplyTo(),
                    reason.proposedAt(), reason.acknowledgements(), influence.get(reason.reasonId()), replies);
            repliesById.getOrDefault(reason.inReplyTo(), topLevel).add(node);
        }
        return topLevel;
    }
}
