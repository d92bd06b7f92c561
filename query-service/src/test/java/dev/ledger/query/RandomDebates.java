package dev.ledger.query;

import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.Role;
import dev.ledger.events.Stance;
import dev.ledger.events.Visibility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random but valid debates from a seed, private or public, opened and owned by p0: invitations and joins, role
 * changes (observers then stop writing), claims, reasons (some in reply to others), acknowledgements (noted, later
 * conceded), view updates citing reasons of their claim, with the right previous credence, and the owner's
 * resolutions and annulments (no view update on a resolved claim).
 * {@link #interleaved()} mixes the debates the way concurrent users would.
 */
final class RandomDebates {

    private final Random random;
    private final List<DebateScript> debates = new ArrayList<>();
    private final List<List<EventEnvelope>> events = new ArrayList<>();

    RandomDebates(long seed, int debateCount, int eventsPerDebate) {
        this.random = new Random(seed);
        for (int i = 0; i < debateCount; i++) {
            DebateScript debate = new DebateScript();
            debates.add(debate);
            events.add(generate(debate, eventsPerDebate / 2 + random.nextInt(eventsPerDebate)));
        }
    }

    List<DebateScript> debates() {
        return debates;
    }

    int size() {
        return events.stream().mapToInt(List::size).sum();
    }

    /** Every debate's events in order, debates mixed at random. */
    List<EventEnvelope> interleaved() {
        List<EventEnvelope> mixed = new ArrayList<>();
        int[] next = new int[events.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            open.add(i);
        }
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            int debate = open.get(pick);
            mixed.add(events.get(debate).get(next[debate]++));
            if (next[debate] == events.get(debate).size()) {
                open.remove(pick);
            }
        }
        return mixed;
    }

    private List<EventEnvelope> generate(DebateScript debate, int length) {
        List<EventEnvelope> out = new ArrayList<>();
        boolean isPrivate = random.nextBoolean();
        out.add(debate.open("Debate " + debate.debateId.substring(0, 8), random.nextBoolean() ? null : "why not", "p0",
                isPrivate ? Visibility.PRIVATE : Visibility.PUBLIC));
        List<String> people = new ArrayList<>();
        List<String> observers = new ArrayList<>();
        int participants = 2 + random.nextInt(3);
        for (int i = 0; i < participants; i++) {
            String id = "p" + i;
            people.add(id);
            if (i > 0 && (isPrivate || random.nextInt(4) == 0)) {
                out.add(debate.invite(id, Role.MEMBER, "p0"));
            }
            out.add(debate.join(id, "Person \"" + i + "\"", i == 0 ? Role.OWNER : Role.MEMBER));
        }
        int invitedOnly = 0;
        List<String> claims = new ArrayList<>();
        Map<String, List<String>> reasonsByClaim = new HashMap<>();
        Map<String, String> claimOfReason = new HashMap<>();
        Map<String, AcknowledgementKind> acknowledged = new HashMap<>();
        Map<String, Double> credences = new HashMap<>();
        Set<String> resolved = new HashSet<>();
        while (out.size() < length) {
            String who = people.get(random.nextInt(people.size()));
            int roll = random.nextInt(100);
            if (roll >= 97) {
                String other = "p" + (1 + random.nextInt(participants - 1));
                boolean observing = observers.contains(other);
                out.add(debate.changeRole(other, observing ? Role.MEMBER : Role.OBSERVER, "p0"));
                if (observing) {
                    observers.remove(other);
                    people.add(other);
                } else {
                    observers.add(other);
                    people.remove(other);
                }
            } else if (roll == 96) {
                out.add(debate.invite("guest" + invitedOnly++, random.nextBoolean() ? Role.MEMBER : Role.OBSERVER, "p0"));
            } else if (claims.isEmpty() || roll < 10) {
                String claimId = "c" + claims.size();
                claims.add(claimId);
                reasonsByClaim.put(claimId, new ArrayList<>());
                out.add(debate.claim(claimId, "Claim " + claimId + " by " + who, who));
            } else if (roll < 40) {
                String claimId = claims.get(random.nextInt(claims.size()));
                List<String> siblings = reasonsByClaim.get(claimId);
                String reasonId = "r" + claimOfReason.size();
                String inReplyTo = !siblings.isEmpty() && random.nextInt(3) == 0
                        ? siblings.get(random.nextInt(siblings.size())) : null;
                out.add(debate.reason(reasonId, claimId, random.nextBoolean() ? Stance.FOR : Stance.AGAINST,
                        "Because " + reasonId + " (" + random.nextInt(1000) + ")", who, inReplyTo));
                siblings.add(reasonId);
                claimOfReason.put(reasonId, claimId);
            } else if (roll < 65 && !claimOfReason.isEmpty()) {
                List<String> reasons = new ArrayList<>(claimOfReason.keySet());
                String reasonId = reasons.get(random.nextInt(reasons.size()));
                AcknowledgementKind before = acknowledged.get(reasonId + "/" + who);
                if (before == AcknowledgementKind.CONCEDED) {
                    continue;
                }
                AcknowledgementKind kind = before == AcknowledgementKind.NOTED || random.nextInt(3) == 0
                        ? AcknowledgementKind.CONCEDED : AcknowledgementKind.NOTED;
                out.add(debate.acknowledge(reasonId, who, kind, random.nextBoolean() ? null : "note " + out.size()));
                acknowledged.put(reasonId + "/" + who, kind);
            } else if (roll < 70) {
                // the owner resolves a claim, or annuls its resolution
                String claimId = claims.get(random.nextInt(claims.size()));
                if (resolved.remove(claimId)) {
                    out.add(debate.annul(claimId, "reopened " + out.size(), "p0"));
                } else {
                    resolved.add(claimId);
                    out.add(debate.resolve(claimId, random.nextBoolean(), random.nextBoolean() ? null : "settled", "p0"));
                }
            } else {
                String claimId = claims.get(random.nextInt(claims.size()));
                if (resolved.contains(claimId)) {
                    continue; // a resolved claim takes no view updates
                }
                List<String> reasons = reasonsByClaim.get(claimId);
                List<String> because = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0 && !reasons.isEmpty(); i--) {
                    String reason = reasons.get(random.nextInt(reasons.size()));
                    if (!because.contains(reason)) {
                        because.add(reason);
                    }
                }
                double credence = random.nextInt(101) / 100.0;
                Double previous = credences.put(who + "/" + claimId, credence);
                out.add(debate.view(who, claimId, credence, previous, random.nextBoolean() ? null : "thinking", because));
            }
        }
        return out;
    }
}
