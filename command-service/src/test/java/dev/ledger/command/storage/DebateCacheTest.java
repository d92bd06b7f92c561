package dev.ledger.command.storage;

import dev.ledger.command.debate.DebateAggregate;
import dev.ledger.command.debate.DebateCommands.JoinDebate;
import dev.ledger.command.debate.DebateCommands.OpenDebate;
import dev.ledger.command.debate.DebateLimits;
import dev.ledger.events.Visibility;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate cache is bounded by the approximate heap size of the debates in it, not by their number. */
class DebateCacheTest {

    private static final AggregateModel<DebateAggregate> MODEL = AnnotatedAggregateMetaModelFactory.inspectAggregate(
            DebateAggregate.class, MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(DebateAggregate.class),
                    new SimpleResourceParameterResolverFactory(List.of(new DebateLimits(1_000, 1_000, 10_000)))));

    @Test
    void aDebateWeighsMoreAsItGrows() throws Exception {
        long small = DebateCache.approximateBytes(cached(debateWith(1)));
        long large = DebateCache.approximateBytes(cached(debateWith(200)));

        assertThat(small).isGreaterThanOrEqualTo(1_024);
        assertThat(large).isGreaterThanOrEqualTo(small + 199 * 100L);
    }

    @Test
    void largeDebatesLeaveRoomForFewerEntries() throws Exception {
        long largeBytes = DebateCache.approximateBytes(cached(debateWith(200)));
        DebateCache cache = new DebateCache(10 * largeBytes, new CachedDebateChecks(debateId -> java.util.Optional.empty()));

        for (int i = 0; i < 30; i++) {
            cache.put("large-" + i, cached(debateWith(200)));
        }
        long largeKept = IntStream.range(0, 30).filter(i -> cache.containsKey("large-" + i)).count();
        cache.removeAll();
        for (int i = 0; i < 30; i++) {
            cache.put("small-" + i, cached(debateWith(1)));
        }
        long smallKept = IntStream.range(0, 30).filter(i -> cache.containsKey("small-" + i)).count();

        assertThat(largeKept).isBetween(1L, 10L);
        assertThat(smallKept).isEqualTo(30);
    }

    @Test
    void outsideACommandAnEntryIsHandedOutOnlyWhileTheEventStoreHasNothingNewerForItsDebate() throws Exception {
        java.util.Map<String, Long> lastStored = new java.util.concurrent.ConcurrentHashMap<>();
        DebateCache cache = new DebateCache(1 << 20, new CachedDebateChecks(debateId -> java.util.Optional.ofNullable(lastStored.get(debateId))));
        AggregateCacheEntry<DebateAggregate> entry = cached(debateWith(2));   // events 0, 1 and 2
        cache.put("d", entry);
        lastStored.put("d", 2L);

        assertThat((Object) cache.get("d")).isSameAs(entry);

        lastStored.put("d", 3L);   // another instance appended event 3
        assertThat((Object) cache.get("d")).isNull();
        assertThat(cache.containsKey("d")).as("the stale entry is dropped").isFalse();
    }

    @Test
    void aCommandThatAppendsNothingIsCheckedBeforeItCommitsOneThatAppendsIsNot() throws Exception {
        java.util.Map<String, Long> lastStored = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        CachedDebateChecks checks = new CachedDebateChecks(debateId -> {
            queries.incrementAndGet();
            return java.util.Optional.ofNullable(lastStored.get(debateId));
        });
        DebateCache cache = new DebateCache(1 << 20, checks);
        AggregateCacheEntry<DebateAggregate> entry = cached(debateWith(2));   // events 0, 1 and 2
        cache.put("d", entry);
        lastStored.put("d", 3L);   // another instance appended event 3

        DefaultUnitOfWork<?> appending = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
        assertThat((Object) cache.get("d")).as("handed out, checked later").isSameAs(entry);
        CachedDebateChecks.appended("d");   // its append would have met event 3's unique key
        checks.verifyUnappended();
        appending.rollback();
        assertThat(queries).as("no query for a debate the command appended to").hasValue(0);

        DefaultUnitOfWork<?> refusing = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
        assertThat((Object) cache.get("d")).isSameAs(entry);
        assertThatThrownBy(checks::verifyUnappended).isInstanceOf(ConcurrencyException.class).hasMessageContaining("d");
        refusing.rollback();
        assertThat(queries).hasValue(1);

        lastStored.put("d", 2L);
        DefaultUnitOfWork<?> current = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
        assertThat((Object) cache.get("d")).isSameAs(entry);
        checks.verifyUnappended();
        current.commit();
    }

    private static EventSourcedAggregate<DebateAggregate> debateWith(int participants) throws Exception {
        String debateId = UUID.randomUUID().toString();
        Callable<DebateAggregate> opening = () -> new DebateAggregate(new OpenDebate(debateId, "Cached", null, null, Visibility.PUBLIC));
        EventSourcedAggregate<DebateAggregate> debate = EventSourcedAggregate.initialize(opening, MODEL,
                SimpleEventBus.builder().build(), NoSnapshotTriggerDefinition.TRIGGER);
        for (int i = 0; i < participants; i++) {
            debate.handle(GenericCommandMessage.asCommandMessage(new JoinDebate(debateId, "p" + i, "P " + i)));
        }
        return debate;
    }

    private static AggregateCacheEntry<DebateAggregate> cached(EventSourcedAggregate<DebateAggregate> debate) {
        return new AggregateCacheEntry<>(debate);
    }
}
