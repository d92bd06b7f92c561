package dev.ledger.query.repair;

import dev.ledger.query.eventstore.EventStoreClient;
import dev.ledger.query.projection.ProjectionMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Catches what neither Kafka nor gap repair brings: every {@code ledger.reconciliation.interval} (30 s) each debate's
 * last sequence in the event store is compared with the read model's, and a debate still behind after
 * {@code ledger.reconciliation.grace} (events in flight on Kafka arrive within it) gets the rest from the event
 * store. Gap repair only notices a missing event when a later one of the same debate arrives; an event the
 * publisher gave up on (its append committed after the publisher's gap timeout) that was its debate's last would
 * otherwise stay missing until someone writes to that debate again.
 * <p>
 * Every pass walks all debates (pages of the command-service's event-store feed, an index skip scan there), not just
 * those changed since a position: an append that commits late has a position below ones already seen, which is
 * exactly the event this exists to find.
 */
@Component
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final int PAGE = 1000;

    private final EventStoreClient eventStore;
    private final GapRepair repair;
    private final JdbcClient jdbc;
    private final ProjectionMetrics metrics;
    private final Duration grace;
    private String lastLoggedError;

    Reconciliation(EventStoreClient eventStore, GapRepair repair, JdbcClient jdbc, ProjectionMetrics metrics,
                   @Value("${ledger.reconciliation.grace:2s}") Duration grace) {
        this.eventStore = eventStore;
        this.repair = repair;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.grace = grace;
    }

    @Scheduled(fixedRateString = "${ledger.reconciliation.interval:30s}", initialDelayString = "${ledger.reconciliation.interval:30s}")
    public void reconcile() {
        try {
            List<EventStoreClient.StoredDebate> behind = new ArrayList<>();
            String after = null;
            do {
                EventStoreClient.DebatePage page = eventStore.debates(after, PAGE);
                behind.addAll(behindTheEventStore(page.debates()));
                after = page.next();
            } while (after != null);
            if (!behind.isEmpty()) {
                Thread.sleep(grace.toMillis());
                for (EventStoreClient.StoredDebate debate : behindTheEventStore(behind)) {
                    catchUp(debate);
                }
            }
            lastLoggedError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!Objects.equals(e.getMessage(), lastLoggedError)) {
                log.warn("Reconciliation with the event store failed, will retry in the next period: {}", e.getMessage());
                lastLoggedError = e.getMessage();
            }
        }
    }

    private List<EventStoreClient.StoredDebate> behindTheEventStore(List<EventStoreClient.StoredDebate> stored) {
        Map<String, Long> projected = projectedSequences(stored);
        return stored.stream().filter(debate -> projected.getOrDefault(debate.debateId(), 0L) < debate.lastSequence()).toList();
    }

    private void catchUp(EventStoreClient.StoredDebate stored) {
        long applied = projectedSequences(List.of(stored)).getOrDefault(stored.debateId(), 0L);
        long from = applied + 1;
        while (from <= stored.lastSequence()) {
            int fetched = repair.applyFromEventStore(stored.debateId(), from, (int) Math.min(Integer.MAX_VALUE, stored.lastSequence() - from + 1));
            if (fetched == 0) {
                return;
            }
            from += fetched;
        }
        metrics.reconciled();
        log.info("Debate {} was behind the event store (sequence {} of {}) after Kafka and gap repair; "
                + "brought up to date from the event store", stored.debateId(), applied, stored.lastSequence());
    }

    private Map<String, Long> projectedSequences(List<EventStoreClient.StoredDebate> debates) {
        if (debates.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT debate_id, last_sequence FROM debate_progress WHERE debate_id = ANY(:ids)")
                .param("ids", debates.stream().map(EventStoreClient.StoredDebate::debateId).toArray(String[]::new))
                .query((row, i) -> Map.entry(row.getString(1), row.getLong(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
