package dev.ledger.query.rebuild;

import dev.ledger.query.catchup.ConsumerLag;
import dev.ledger.query.eventstore.EventStoreClient;
import dev.ledger.query.eventstore.EventStoreUnavailable;
import dev.ledger.web.problem.ConflictException;
import dev.ledger.query.projection.ProjectionListener;
import dev.ledger.query.projection.ProjectionPipeline;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CommonContainerStoppingErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Rebuilds the read model from the beginning into fresh tables while the live ones keep serving (issue #4), with
 * the live {@link ProjectionPipeline} pointed at the rebuild schema, then swaps them in atomically.
 * <ol>
 *   <li>Feed the pipeline (see {@link RebuildSource}): a listener container of the rebuild's own consumer group
 *       reading the topic from its earliest offset, or the event store debate by debate.</li>
 *   <li>Pause the live listener; from Kafka, wait until the rebuild's group has read the topic to its end.</li>
 *   <li>Swap under the live tables' locks: first apply what the live model has further (gaps it repaired, events
 *       another instance consumed) from the event store into the rebuilt tables, so nothing is lost; if the
 *       event store cannot supply it, nothing is swapped. Resume the live listener.</li>
 * </ol>
 * Interrupting (or a process restart) keeps the rebuild's tables and consumer group; the next start resumes.
 */
@Service
public class RebuildService {

    enum State { IDLE, RUNNING, SWAPPING, COMPLETED, INTERRUPTED, FAILED }

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final int FETCH_LIMIT = 10_000;

    private final RebuildSchema schema;
    private final ProjectionPipeline pipeline;
    private final EventStoreClient eventStore;
    private final ConsumerLag lag;
    private final ConsumerFactory<?, ?> consumerFactory;
    private final KafkaListenerEndpointRegistry listeners;
    private final String topic;
    private final String liveGroup;
    private final int batchSize;

    private volatile State state = State.IDLE;
    private volatile RebuildSource source;
    private volatile long eventsDone;
    private volatile long eventsTotal;
    private volatile long doneAtStart;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile long lastLogNanos;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile boolean interruptRequested;
    private volatile RuntimeException listenerFailure;
    private Thread worker;

    RebuildService(RebuildSchema schema, JdbcTemplate jdbc, TransactionTemplate transaction, EventStoreClient eventStore,
                   ConsumerLag lag, ConsumerFactory<?, ?> consumerFactory, KafkaListenerEndpointRegistry listeners,
                   @Value("${ledger.topic}") String topic, @Value("${ledger.query.group}") String liveGroup,
                   @Value("${ledger.rebuild.batch-size:5000}") int batchSize) {
        this.schema = schema;
        this.pipeline = new ProjectionPipeline(jdbc, transaction, RebuildSchema.SCHEMA);
        this.eventStore = eventStore;
        this.lag = lag;
        this.consumerFactory = consumerFactory;
        this.listeners = listeners;
        this.topic = topic;
        this.liveGroup = liveGroup;
        this.batchSize = batchSize;
    }

    public synchronized RebuildStatus start(RebuildSource requested) {
        if (isActive()) {
            throw new ConflictException("a rebuild is already " + wireName(state) + " (source " + source.wireName()
                    + "); follow it with GET /admin/rebuild, or interrupt it with DELETE /admin/rebuild.");
        }
        state = State.RUNNING;
        source = requested;
        error = null;
        listenerFailure = null;
        finishedAt = null;
        startedAt = Instant.now();
        startNanos = System.nanoTime();
        lastLogNanos = startNanos;
        interruptRequested = false;
        eventsDone = 0;
        eventsTotal = 0;
        doneAtStart = -1;
        worker = new Thread(() -> run(requested), "ledger-rebuild");
        worker.start();
        return status();
    }

    /** Asks the running rebuild to stop after its current batch and waits (briefly) until it has. */
    public RebuildStatus interrupt() throws InterruptedException {
        Thread running;
        synchronized (this) {
            if (state != State.RUNNING) {
                throw new ConflictException(state == State.SWAPPING
                        ? "the rebuild is swapping its tables in and can no longer be interrupted; it finishes in a moment."
                        : "no rebuild is running (state " + wireName(state) + "); start one with POST /admin/rebuild.");
            }
            interruptRequested = true;
            running = worker;
        }
        running.join(Duration.ofSeconds(30).toMillis());
        return status();
    }

    public RebuildStatus status() {
        long done = eventsDone;
        long total = Math.max(eventsTotal, done);
        double seconds = startNanos == 0 ? 0 : ((finishedAt == null ? System.nanoTime() : endNanos) - startNanos) / 1e9;
        double perSecond = seconds <= 0 ? 0 : (done - Math.max(0, doneAtStart)) / seconds;
        Long secondsLeft = !isActive() || perSecond <= 0 ? null : Math.round((total - done) / perSecond);
        boolean resumable = !isActive() && schema.unfinished().isPresent();
        return new RebuildStatus(wireName(state), source == null ? null : source.wireName(), done, total,
                Math.round(perSecond * 10) / 10.0, secondsLeft, startedAt, finishedAt, error, resumable);
    }

    private boolean isActive() {
        return state == State.RUNNING || state == State.SWAPPING;
    }

    private static String wireName(State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private void run(RebuildSource requested) {
        try {
            Optional<RebuildSchema.Run> unfinished = schema.unfinished();
            boolean resuming = unfinished.isPresent()
                    && (requested == RebuildSource.AUTO || requested == unfinished.get().source());
            RebuildSchema.Run run = resuming ? unfinished.get() : new RebuildSchema.Run(
                    requested == RebuildSource.AUTO ? chooseAutomatically() : requested,
                    liveGroup + "-rebuild-" + System.currentTimeMillis());
            source = run.source();
            if (!resuming) {
                schema.createFresh(run);
            }
            log.info("Rebuild {} from {} (requested {}), {} events per batch", resuming ? "resumes" : "starts",
                    run.source().wireName(), requested.wireName(), batchSize);
            if (run.source() == RebuildSource.KAFKA) {
                rebuildFromKafka(run.group());
            } else {
                readEventStore();
                schema.createSecondaryIndexes();
                swapIn(() -> { });
            }
            state = State.COMPLETED;
            log.info("Rebuild from {} completed: {} events in {} s ({} events/s)", run.source().wireName(), eventsDone,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9), status().eventsPerSecond());
        } catch (RebuildInterrupted e) {
            state = State.INTERRUPTED;
            log.info("Rebuild interrupted at {} of ~{} events; its tables are kept: POST /admin/rebuild (./ledger replay) resumes",
                    eventsDone, eventsTotal);
        } catch (RuntimeException e) {
            error = e.getMessage();
            state = State.FAILED;
            log.error("Rebuild failed after {} events; the live read model is unchanged. POST /admin/rebuild resumes: {}",
                    eventsDone, e.getMessage(), e);
        } finally {
            endNanos = System.nanoTime();
            finishedAt = Instant.now();
        }
    }

    private RebuildSource chooseAutomatically() {
        ConsumerLag.Reading topicNow = lag.readNow(liveGroup);
        if (!topicNow.known()) {
            throw new IllegalStateException("cannot choose a source: " + topicNow.problem());
        }
        log.info("Rebuild source auto: {}", topicNow.fromStart() ? "kafka (every partition still starts at offset 0)"
                : "event-store (retention has deleted the start of the topic)");
        return topicNow.fromStart() ? RebuildSource.KAFKA : RebuildSource.EVENT_STORE;
    }

    /** The rebuild's own listener container feeds the pipeline until its group has read the topic to the end. */
    private void rebuildFromKafka(String group) {
        KafkaMessageListenerContainer<?, ?> container = rebuildContainer(group);
        container.start();
        try {
            awaitTopicRead(group, container);
            schema.createSecondaryIndexes();
            swapIn(() -> {
                awaitTopicRead(group, container);
                container.stop();
            });
        } finally {
            container.stop();
        }
        lag.forgetGroup(group);
    }

    @SuppressWarnings("unchecked")
    private KafkaMessageListenerContainer<?, ?> rebuildContainer(String group) {
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setGroupId(group);
        properties.setClientId("ledger-rebuild");
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        consumer.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        properties.setKafkaConsumerProperties(consumer);
        properties.setMessageListener((BatchMessageListener<String, String>) records -> {
            try {
                pipeline.applyJson(records.stream().map(ConsumerRecord::value).toList());
            } catch (RuntimeException e) {
                listenerFailure = e;
                throw e;
            }
        });
        KafkaMessageListenerContainer<String, String> container =
                new KafkaMessageListenerContainer<>((ConsumerFactory<String, String>) consumerFactory, properties);
        // A failed batch stops the rebuild (resumable) instead of being retried or dead-lettered again.
        container.setCommonErrorHandler(new CommonContainerStoppingErrorHandler());
        container.setBeanName("ledger-rebuild");
        return container;
    }

    /** Waits until the group's committed offsets reach the topic's end offsets (its offsets commit after each batch). */
    private void awaitTopicRead(String group, MessageListenerContainer container) {
        while (true) {
            checkInterrupted();
            if (listenerFailure != null) {
                throw new IllegalStateException("could not apply a batch: " + listenerFailure.getMessage(), listenerFailure);
            }
            if (!container.isRunning()) {
                throw new IllegalStateException("the rebuild's consumer stopped");
            }
            ConsumerLag.Reading reading = lag.readNow(group);
            if (reading.known()) {
                eventsTotal = reading.retained();
                eventsDone = reading.retained() - reading.total();
                if (doneAtStart < 0) {
                    doneAtStart = eventsDone;
                }
                if (reading.total() == 0) {
                    return;
                }
                logProgress();
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** Every debate of the event store, each from the sequence after the one the rebuilt tables have. */
    private void readEventStore() {
        List<EventStoreClient.StoredDebate> debates = new ArrayList<>();
        String after = null;
        do {
            EventStoreClient.DebatePage page = eventStore.debates(after, 10_000);
            debates.addAll(page.debates());
            after = page.next();
        } while (after != null);
        Map<String, Long> rebuilt = schema.lastSequences();
        long total = 0;
        long done = 0;
        for (EventStoreClient.StoredDebate debate : debates) {
            total += debate.lastSequence();
            done += Math.min(debate.lastSequence(), rebuilt.getOrDefault(debate.debateId(), 0L));
        }
        eventsTotal = total;
        eventsDone = done;
        doneAtStart = done;
        List<String> batch = new ArrayList<>();
        for (EventStoreClient.StoredDebate debate : debates) {
            fetch(debate.debateId(), rebuilt.getOrDefault(debate.debateId(), 0L) + 1, debate.lastSequence(), events -> {
                batch.addAll(events);
                if (batch.size() >= batchSize) {
                    applyAndCount(batch);
                }
            });
        }
        applyAndCount(batch);
    }

    private void applyAndCount(List<String> batch) {
        pipeline.applyJson(batch);
        eventsDone += batch.size();
        batch.clear();
        logProgress();
    }

    /** Fetches the debate's events {@code from..to} from the event store, a page at a time. */
    private void fetch(String debateId, long from, long to, Consumer<List<String>> pages) {
        while (from <= to) {
            checkInterrupted();
            List<String> events = eventStore.events(debateId, from, (int) Math.min(to - from + 1, FETCH_LIMIT))
                    .orElseThrow(() -> new EventStoreUnavailable("the event store does not know debate " + debateId, null))
                    .events();
            if (events.isEmpty()) {
                throw new EventStoreUnavailable("the event store has no events of debate " + debateId
                        + " from sequence " + from + " although it should have them up to " + to, null);
            }
            pages.accept(events);
            from += events.size();
        }
    }

    /** Pauses the live listener, runs {@code catchUp}, swaps under the live tables' locks, resumes the listener. */
    private void swapIn(Runnable catchUp) {
        state = State.SWAPPING;
        log.info("Rebuild read {} events; pausing the live projection to catch up and swap", eventsDone);
        MessageListenerContainer live = listeners.getListenerContainer(ProjectionListener.LISTENER_ID);
        boolean paused = live != null && live.isRunning();
        if (paused) {
            live.pause();
            awaitPaused(live);
        }
        try {
            catchUp.run();
            schema.swap(this::catchUpWithLive);
        } finally {
            if (paused) {
                live.resume();
            }
        }
    }

    /** Under the swap's locks: applies what the live model has further, from the event store, to the rebuilt tables. */
    private void catchUpWithLive() {
        List<RebuildSchema.Behind> behind = schema.debatesBehindLive();
        if (!behind.isEmpty()) {
            log.info("Rebuild: {} debates are further in the live model; fetching the rest from the event store", behind.size());
            try {
                for (RebuildSchema.Behind debate : behind) {
                    fetch(debate.debateId(), debate.rebuiltSequence() + 1, debate.liveSequence(), pipeline::applyJson);
                }
            } catch (EventStoreUnavailable e) {
                throw new IllegalStateException("cannot swap: " + behind.size() + " debates are further in the live"
                        + " read model than in the rebuilt one, and the event store cannot supply the rest ("
                        + e.getMessage() + "); the live read model is kept", e);
            }
            List<RebuildSchema.Behind> stillBehind = schema.debatesBehindLive();
            if (!stillBehind.isEmpty()) {
                throw new IllegalStateException("cannot swap: " + stillBehind.size() + " debates (e.g. "
                        + stillBehind.get(0).debateId() + ") are still further in the live read model; it is kept");
            }
        }
        schema.copyParkedRecordsOfLive();
    }

    private static void awaitPaused(MessageListenerContainer container) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!container.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                container.resume();
                throw new IllegalStateException("the live projection did not pause within 60 s; nothing was swapped");
            }
            pause(Duration.ofMillis(20));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void checkInterrupted() {
        if (interruptRequested) {
            throw new RebuildInterrupted();
        }
    }

    private void logProgress() {
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_EVERY.toNanos()) {
            lastLogNanos = now;
            RebuildStatus status = status();
            log.info("Rebuild from {}: {} of ~{} events, {} events/s, ~{} s left", status.source(), status.eventsDone(),
                    status.eventsTotal(), status.eventsPerSecond(), status.secondsLeft());
        }
    }

    private static final class RebuildInterrupted extends RuntimeException {
        RebuildInterrupted() {
            super("interrupted", null, false, false);
        }
    }
}
