package dev.ledger.command.storage;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import dev.ledger.web.instance.InstanceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import tools.jackson.databind.DeserializationFeature;

/**
 * Axon's JDBC event store and token store on PostgreSQL, with the tables Flyway creates
 * (db/migration/V1__event_store.sql); Axon never creates or alters the schema itself.
 * <p>
 * Payloads, metadata, snapshots and tokens are serialized by Axon's Jackson 3 serializer
 * ({@code axon.serializer.*=jackson3}) into bytea columns.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AxonStorageConfiguration.class);

    /** How long one attempt at a debate's lock waits; between attempts Axon checks for deadlocks (10 ms: its default). */
    private static final int LOCK_ATTEMPT_MILLIS = 10;

    /** Snake-case names of Axon's columns, matching the Flyway migration. */
    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JdbcAutoConfiguration is conditional on a DataSource bean but ordered against Boot 3's
     * auto-configuration class names, so with Boot 4 it can be evaluated before the DataSource exists and
     * back off. The JDBC pieces are therefore declared here explicitly.
     */
    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Tells a duplicate key (another append of the same debate position) from other failures, so it becomes
     * a ConcurrencyException. PostgreSQL's JDBC driver reports unique violations as SQLState 23505 in a plain
     * PSQLException, which Axon's default JDBC resolver (looking for SQLIntegrityConstraintViolationException)
     * would not recognise.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Tokens of the streaming processors, in token_entry (never the in-memory default). The claim's owner is this
     * instance's stable id, so after a kill -9 the restarted instance takes its publishing token back at once
     * instead of waiting out the dead process's claim; another instance takes it over after {@code claimTimeout}.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, @Qualifier("serializer") Serializer serializer,
                                 TokenSchema tokenSchema, Environment environment,
                                 @Value("${ledger.publishing.claim-timeout:5s}") Duration claimTimeout) {
        InstanceId instance = InstanceId.of(environment);
        log.info("Publishing token claims are owned by instance {} (LEDGER_INSTANCE_ID){}", instance.value(),
                instance.stable() ? "" : "; not stable across restarts (random port)");
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .nodeId(instance.value())
                .claimTimeout(claimTimeout)
                .build();
    }

    /**
     * Declared here rather than left to auto-configuration so the JDBC work of Axon (event appends, token
     * claims) always runs in Spring transactions started by Axon's units of work: a command's events commit with
     * its Idempotency-Key row (see CommandExecution), and a publishing batch's token update commits only with that
     * batch's unit of work.
     */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * Gap handling: global_index comes from an identity column, so each insert takes the next value
     * (increment 1, no allocation blocks of 50 as Hibernate's pooled sequences would hand out). Values can
     * still be committed out of order (a transaction that started earlier commits later) or never (a rolled
     * back insert, e.g. a concurrent append that lost). A tracking/streaming processor remembers such gaps and
     * keeps looking for them for {@code gapTimeout} ms and up to {@code maxGapOffset} positions back. A
     * transaction held open longer than the gap timeout lets the processor give up on its event's index and
     * skip it for good, which is why command transactions here are short (one command, one idempotency row).
     * <p>
     * Every append also tells {@link AppendedDebates} (the Merkle trees of verifiable history) in its transaction.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(
            @Qualifier("serializer") Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            @Value("${ledger.event-store.batch-size:100}") int batchSize,
            @Value("${ledger.event-store.gap-timeout-ms:60000}") int gapTimeout,
            @Value("${ledger.event-store.max-gap-offset:10000}") int maxGapOffset,
            AppendedDebates appendedDebates) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(batchSize)
                .gapTimeout(gapTimeout)
                .maxGapOffset(maxGapOffset);
        return new DebateAppendingStorageEngine(builder, appendedDebates);
    }

    /**
     * The event store (bean name and qualifier as Axon's auto-configuration declares it, which then backs off).
     * Axon wakes its readers after a command's unit of work committed; between commits the reader polls every
     * {@code ledger.event-store.poll-interval-ms}, which only matters for events written by another instance.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${ledger.event-store.poll-interval-ms:1000}") long pollInterval) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(pollInterval)
                .build();
    }

    /**
     * Loaded debates stay in memory between commands (Axon's caching repository, see {@code @Aggregate(cache)}),
     * up to about {@code ledger.aggregate-cache.max-mb} of heap; 0 turns the cache off. An entry is used only while no
     * other instance appended to its debate since (see {@link CachedDebateChecks}).
     */
    @Bean
    public Cache debateCache(@Value("${ledger.aggregate-cache.max-mb:64}") long maximumMegabytes, CachedDebateChecks checks) {
        return maximumMegabytes == 0 ? NoCache.INSTANCE : new DebateCache(maximumMegabytes * 1024 * 1024, checks);
    }

    @Bean
    public CachedDebateChecks cachedDebateChecks(EventStorageEngine storageEngine) {
        return new CachedDebateChecks(storageEngine::lastSequenceNumberFor);
    }

    /**
     * The per-debate lock of the aggregate repository ({@code @Aggregate(lockFactory)}): a command waits at most
     * {@code ledger.lock-wait} (LEDGER_LOCK_WAIT) for the commands ahead of it on the same debate, then fails with
     * Axon's LockAcquisitionFailedException, answered 503 with Retry-After. Axon's default waits 6000 attempts of
     * 10 ms (a minute), so a flood of commands on one debate held request threads instead of answering.
     */
    @Bean
    public LockFactory debateLockFactory(@Value("${ledger.lock-wait:3s}") Duration lockWait) {
        int attemptMillis = (int) Math.max(1, Math.min(LOCK_ATTEMPT_MILLIS, lockWait.toMillis()));
        return PessimisticLockFactory.builder()
                .lockAttemptTimeout(attemptMillis)
                .acquireAttempts((int) Math.max(1, lockWait.toMillis() / attemptMillis))
                .build();
    }

    /** Tolerant reading of stored JSON: a field removed from a class does not make old events unreadable. */
    @Bean
    public Jackson3SerializerCustomizer tolerantStoredJson() {
        return builder -> builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * A snapshot every N events (default 250) bounds the events replayed to load a busy debate.
     * The aggregate state is plain sets, maps and records, so the Jackson serializer writes it as JSON.
     */
    @Bean
    public SnapshotTriggerDefinition debateSnapshotTrigger(
            Snapshotter snapshotter, @Value("${ledger.snapshot.every-events:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
