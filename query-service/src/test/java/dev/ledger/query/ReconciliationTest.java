package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import dev.ledger.query.repair.Reconciliation;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #13, reconciliation: a debate's LAST event never reaches the topic, so no later event parks and gap repair
 * never starts; a reconciliation pass finds the debate behind the event store and brings it up to date.
 */
class ReconciliationTest extends WholeModelTestBase {

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void eventStoreBack() {
        EventStoreStub.get().failing(false);
    }

    @Test
    void aDebateWhoseLastEventNeverArrivedIsBroughtUpToDateFromTheEventStore() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Quiet after this", null),
                debate.join("alice", "Alice"),
                debate.claim("c1", "The last word arrives anyway", "alice"));   // 3: the last, never on the topic
        events.forEach(EventStoreStub.get()::add);
        publishToTopicOnly(events.get(0));
        publishToTopicOnly(events.get(1));
        assertThat(awaitAnswer("/debates/" + debate.debateId, 2).json().get("sequence").asLong()).isEqualTo(2);
        double reconciledBefore = reconciledCount();

        EventStoreStub.get().failing(true);
        reconciliation.reconcile();
        assertThat(get("/debates/" + debate.debateId).json().get("sequence").asLong())
                .as("the event store could not be read: nothing changes, the next period tries again").isEqualTo(2);

        EventStoreStub.get().failing(false);
        reconciliation.reconcile();

        assertThat(get("/debates/" + debate.debateId).json().get("sequence").asLong()).isEqualTo(3);
        assertThat(get("/debates/" + debate.debateId).json().get("claims").get(0).get("statement").asString())
                .isEqualTo("The last word arrives anyway");
        assertThat(reconciledCount()).isGreaterThanOrEqualTo(reconciledBefore + 1);

        double reconciledAfter = reconciledCount();
        reconciliation.reconcile();
        assertThat(get("/debates/" + debate.debateId).json().get("sequence").asLong()).isEqualTo(3);
        assertThat(reconciledCount()).as("a debate that is up to date is left alone").isEqualTo(reconciledAfter);
    }

    private double reconciledCount() {
        return meters.get("ledger.projection.reconciled").counter().count();
    }
}
