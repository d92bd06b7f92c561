package dev.ledger.command.storage;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;

/**
 * Axon's embedded event store, waking its readers (the Kafka publisher) when the events are really committed.
 * <p>
 * Axon wakes the reader thread when its unit of work commits. A command's unit of work here only joins the
 * request's Spring transaction, which commits afterwards (with the Idempotency-Key row), so Axon's wake-up came
 * too early: the reader found nothing new yet and slept until its next poll (fetchDelay, 1 s by default), which
 * was most of the publish lag at low load. The wake-up now waits for the Spring transaction's commit.
 */
final class CommitAwareEventStore extends EmbeddedEventStore {

    CommitAwareEventStore(EmbeddedEventStore.Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeReaders(events);
                }
            });
        } else {
            wakeReaders(events);
        }
    }

    private void wakeReaders(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
    }
}
