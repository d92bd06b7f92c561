package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;
import tools.jackson.databind.JsonNode;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what the event store holds for some debates with what the query API shows for them:
 * every stored event must be on the debate's timeline exactly once, and every accepted command's event exactly
 * once at the sequence the command-service answered, with the right type and subject.
 */
final class ProjectionCheck {

    /** Numbers for the summary line, plus a description of each discrepancy (empty when all is well). */
    record Result(long stored, long projected, long lost, long duplicates, List<String> problems) {
    }

    record Entry(long sequence, String type, String participantId, String claimId, String reasonId) {
        String subject() {
            return switch (type) {
                case "ClaimStated" -> claimId;
                case "ReasonProposed", "ReasonAcknowledged" -> reasonId;
                case "DebateOpened" -> null;
                default -> participantId;
            };
        }
    }

    private ProjectionCheck() {
    }

    /** Pairs of accepted commands the command-service answered with the same sequence (empty when each has its own). */
    static List<String> sharedSequences(Collection<Accepted> accepted) {
        Map<String, Accepted> bySequence = new HashMap<>();
        List<String> shared = new ArrayList<>();
        for (Accepted command : accepted) {
            Accepted other = bySequence.put(command.debateId() + "#" + command.sequence(), command);
            if (other != null) {
                shared.add(command + " and " + other);
            }
        }
        return shared;
    }

    /** Highest stored sequence (1-based) per debate, read from the command-service's event store with plain SQL. */
    static Map<String, Long> storedLastSequences(RunningLedger ledger, Collection<String> debates) {
        Map<String, Long> last = new TreeMap<>();
        for (String debate : debates) {
            last.put(debate, 0L);
        }
        try (Connection connection = ledger.commandDatabase();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT aggregate_identifier, count(*), max(sequence_number) FROM domain_event_entry "
                             + "WHERE aggregate_identifier = ANY (?) GROUP BY aggregate_identifier")) {
            Array ids = connection.createArrayOf("varchar", debates.toArray());
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long count = rows.getLong(2);
                    long max = rows.getLong(3) + 1;
                    if (count != max) {
                        throw new AssertionError("event store holds " + count + " events of debate " + rows.getString(1)
                                + " but its highest sequence is " + max + ": the store itself has a hole");
                    }
                    last.put(rows.getString(1), max);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store: " + e.getMessage(), e);
        }
        return last;
    }

    /** Total number of events in the event store. */
    static long storedEventCount(RunningLedger ledger) {
        try (Connection connection = ledger.commandDatabase();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the event store: " + e.getMessage(), e);
        }
    }

    /** Waits (bounded) until the query side reports each debate at least at its stored sequence. */
    static void awaitProjected(JsonHttp queries, Map<String, Long> lastSequences, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> pending = new HashMap<>(lastSequences);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.entrySet().removeIf(debate -> projectedSequence(queries, debate.getKey()) >= debate.getValue());
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
    }

    static long projectedSequence(JsonHttp queries, String debate) {
        try {
            Answer answer = queries.get("/debates/" + debate, Duration.ofSeconds(10));
            return answer.status() == 200 ? answer.body().path("sequence").asLong(0) : 0;
        } catch (IllegalStateException notAnswering) {
            return 0;
        }
    }

    /** Every entry of a debate's timeline, all pages. */
    static List<Entry> timeline(JsonHttp queries, String debate) {
        List<Entry> entries = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 10_000; page++) {
            Answer answer = queries.get("/debates/" + debate + "/timeline?limit=500&after=" + after);
            if (answer.status() == 404) {
                return entries;
            }
            if (answer.status() != 200) {
                throw new AssertionError("timeline of " + debate + " answered " + answer);
            }
            for (JsonNode entry : answer.body().path("entries")) {
                entries.add(new Entry(entry.path("sequence").asLong(), entry.path("type").asString(""),
                        text(entry, "participantId"), text(entry, "claimId"), text(entry, "reasonId")));
            }
            JsonNode next = answer.body().path("nextAfter");
            if (next.isNull() || next.isMissingNode()) {
                return entries;
            }
            after = next.asLong();
        }
        throw new AssertionError("timeline of " + debate + " did not end");
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    /**
     * Waits until the query side has caught up with the event store for {@code debates} (bounded), then compares.
     * {@code accepted} are the commands of these debates the command-service accepted.
     */
    static Result check(RunningLedger ledger, Collection<String> debates, Collection<Accepted> accepted, Duration timeout)
            throws InterruptedException {
        return check(ledger, ledger.queries(), debates, accepted, timeout);
    }

    /** The same, reading the query API with {@code queries} (e.g. as a participant of private debates). */
    static Result check(RunningLedger ledger, JsonHttp queries, Collection<String> debates, Collection<Accepted> accepted,
                        Duration timeout) throws InterruptedException {
        Map<String, Long> stored = storedLastSequences(ledger, debates);
        awaitProjected(queries, stored, timeout);
        // Read the store again: a command in flight during the first read may have added to it since.
        stored = storedLastSequences(ledger, debates);
        long storedTotal = 0;
        long projected = 0;
        long lost = 0;
        long duplicates = 0;
        List<String> problems = new ArrayList<>();
        Map<String, Map<Long, List<Entry>>> bySequence = new HashMap<>();
        for (Map.Entry<String, Long> debate : stored.entrySet()) {
            String id = debate.getKey();
            long last = debate.getValue();
            storedTotal += last;
            List<Entry> entries = timeline(queries, id);
            projected += entries.size();
            Map<Long, List<Entry>> sequences = new TreeMap<>();
            for (Entry entry : entries) {
                sequences.computeIfAbsent(entry.sequence(), s -> new ArrayList<>()).add(entry);
            }
            bySequence.put(id, sequences);
            Set<Long> missing = new LinkedHashSet<>();
            for (long sequence = 1; sequence <= last; sequence++) {
                if (!sequences.containsKey(sequence)) {
                    missing.add(sequence);
                }
            }
            lost += missing.size();
            if (!missing.isEmpty()) {
                problems.add("debate " + id + ": " + missing.size() + " of " + last + " stored events not on the query side "
                        + "(projected up to sequence " + projectedSequence(queries, id) + "), first missing " + first(missing, 10));
            }
            for (Map.Entry<Long, List<Entry>> sequence : sequences.entrySet()) {
                if (sequence.getValue().size() > 1) {
                    duplicates += sequence.getValue().size() - 1;
                    problems.add("debate " + id + ": sequence " + sequence.getKey() + " shown " + sequence.getValue().size() + " times");
                }
                if (sequence.getKey() > last || sequence.getKey() < 1) {
                    problems.add("debate " + id + ": the query side shows sequence " + sequence.getKey()
                            + " but the event store ends at " + last);
                }
            }
        }
        for (Accepted command : accepted) {
            Map<Long, List<Entry>> sequences = bySequence.get(command.debateId());
            if (sequences == null) {
                continue;
            }
            if (command.sequence() > stored.getOrDefault(command.debateId(), 0L)) {
                lost++;
                problems.add("accepted " + command + " is not in the event store");
                continue;
            }
            List<Entry> shown = sequences.getOrDefault(command.sequence(), List.of());
            long matching = shown.stream().filter(entry -> entry.type().equals(command.type())
                    && (command.subjectId() == null || command.subjectId().equals(entry.subject()))).count();
            if (matching == 0 && !shown.isEmpty()) {
                problems.add("accepted " + command + " but the query side shows " + shown + " at that sequence");
            }
        }
        return new Result(storedTotal, projected, lost, duplicates, problems);
    }

    private static String first(Set<Long> values, int count) {
        return values.stream().limit(count).toList().toString();
    }
}
