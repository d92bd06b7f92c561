package dev.ledger.query.rebuild;

import dev.ledger.query.eventstore.EventStoreClient;
import dev.ledger.query.eventstore.EventStoreUnavailable;
import dev.ledger.query.projection.BatchProgress;
import dev.ledger.query.projection.BatchProjector;
import dev.ledger.web.problem.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds every projection from the beginning into fresh tables while the live ones keep serving (issue #4),
 * then swaps them in atomically.
 * <ol>
 *   <li>Read the source (see {@link RebuildSource}) into the rebuild schema in batches of
 *       {@code ledger.rebuild.batch-size} events per transaction, through the live projection code.</li>
 *   <li>Pause the live listener, and bring the rebuild up to at least the live position: the topic up to its
 *       current end, then, for any debate the live model has further (e.g. gaps it repaired), the rest from
 *       the event store. If that is needed and the event store is unreachable, the swap fails and the live
 *       tables stay.</li>
 *   <li>Swap in one transaction, resume the listener.</li>
 * </ol>
 * Interrupting (or a process restart) keeps the rebuild's tables and bookkeeping; the next start resumes.
 */
@Service
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final String LISTENER = "ledger-projection";
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final int FETCHERS = 4;
    private static final int FETCH_WINDOW = 16;
    private static final int FETCH_CHUNK = 10_000;
    private static final int MAX_SWAP_ATTEMPTS = 3;

    private final RebuildSchema schema;
    private final RebuildWriter writer;
    private final EventStoreClient eventStore;
    private final ConsumerFactory<?, ?> consumerFactory;
    private final KafkaListenerEndpointRegistry listeners;
    private final String topic;
    private final int batchSize;

    private volatile String state = "idle";
    private volatile RebuildSource source;
    private final AtomicLong eventsDone = new AtomicLong();
    private final AtomicLong eventsTotal = new AtomicLong();
    private volatile long doneAtStart;
    private volatile long startNanos;
    private volatile long lastLogNanos;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile boolean interruptRequested;
    private volatile Thread worker;

    RebuildService(RebuildSchema schema, RebuildWriter writer, EventStoreClient eventStore,
                   ConsumerFactory<?, ?> consumerFactory, KafkaListenerEndpointRegistry listeners,
                   @Value("${ledger.topic}") String topic, @Value("${ledger.rebuild.batch-size:5000}") int batchSize) {
        this.schema = schema;
        this.writer = writer;
        this.eventStore = eventStore;
        this.consumerFactory = consumerFactory;
        this.listeners = listeners;
        this.topic = topic;
        this.batchSize = batchSize;
    }

    public synchronized RebuildStatus start(RebuildSource requested) {
        if (isActive()) {
            throw new ConflictException("a rebuild is already " + state + " (source " + source.wireName()
                    + "); follow it with GET /admin/rebuild, or interrupt it with DELETE /admin/rebuild.");
        }
        state = "running";
        source = requested;
        error = null;
        finishedAt = null;
        startedAt = Instant.now();
        startNanos = System.nanoTime();
        lastLogNanos = startNanos;
        interruptRequested = false;
        eventsDone.set(0);
        eventsTotal.set(0);
        doneAtStart = 0;
        worker = new Thread(() -> run(requested), "ledger-rebuild");
        worker.start();
        return status();
    }

    /** Asks the running rebuild to stop after its current batch and waits (briefly) until it has. */
    public RebuildStatus interrupt() throws InterruptedException {
        Thread running;
        synchronized (this) {
            if (!"running".equals(state)) {
                throw new ConflictException("swapping".equals(state)
                        ? "the rebuild is swapping its tables in and can no longer be interrupted; it finishes in a moment."
                        : "no rebuild is running (state " + state + "); start one with POST /admin/rebuild.");
            }
            interruptRequested = true;
            running = worker;
        }
        running.join(Duration.ofSeconds(30).toMillis());
        return status();
    }

    public RebuildStatus status() {
        long done = eventsDone.get();
        long total = Math.max(eventsTotal.get(), done);
        double seconds = startNanos == 0 ? 0 : ((finishedAt == null ? System.nanoTime() : endNanos) - startNanos) / 1e9;
        double perSecond = seconds <= 0 ? 0 : (done - doneAtStart) / seconds;
        Long secondsLeft = !isActive() ? null : perSecond <= 0 ? null : Math.round((total - done) / perSecond);
        boolean resumable = !isActive() && schema.unfinished().isPresent();
        return new RebuildStatus(state, source == null ? null : source.wireName(), done, total,
                Math.round(perSecond * 10) / 10.0, secondsLeft, startedAt, finishedAt, error, resumable);
    }

    private volatile long endNanos;

    private boolean isActive() {
        return "running".equals(state) || "swapping".equals(state);
    }

    private void run(RebuildSource requested) {
        try {
            Optional<RebuildSource> unfinished = schema.unfinished();
            boolean resuming = unfinished.isPresent() && (requested == RebuildSource.AUTO || requested == unfinished.get());
            RebuildSource chosen = resuming ? unfinished.get()
                    : requested == RebuildSource.AUTO ? chooseAutomatically() : requested;
            source = chosen;
            if (!resuming) {
                schema.createFresh(chosen);
            }
            BatchProgress progress = writer.loadProgress();
            log.info("Rebuild {} from {} (requested {}), {} events per batch", resuming ? "resumes" : "starts",
                    chosen.wireName(), requested.wireName(), batchSize);
            if (chosen == RebuildSource.KAFKA) {
                try (KafkaReplay replay = new KafkaReplay(consumerFactory.getConfigurationProperties(), topic, batchSize)) {
                    Map<Integer, Long> beginning = replay.beginningOffsets();
                    Map<Integer, Long> stored = schema.kafkaOffsets();
                    replay.seek(stored);
                    Map<Integer, Long> end = replay.endOffsets();
                    eventsTotal.set(distance(beginning, end));
                    eventsDone.set(distance(beginning, replay.positions()));
                    doneAtStart = eventsDone.get();
                    readKafka(replay, end, beginning, progress);
                    swapInPlace(progress, () -> {
                        Map<Integer, Long> now = replay.endOffsets();
                        eventsTotal.set(distance(beginning, now));
                        readKafka(replay, now, beginning, progress);
                    });
                }
            } else {
                readEventStore(progress);
                swapInPlace(progress, () -> { });
            }
            state = "completed";
            log.info("Rebuild from {} completed: {} events in {} s ({} events/s)", chosen.wireName(), eventsDone.get(),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9),
                    status().eventsPerSecond());
        } catch (RebuildInterrupted e) {
            state = "interrupted";
            log.info("Rebuild interrupted at {} of ~{} events; its tables are kept: POST /admin/rebuild (./ledger replay) resumes",
                    eventsDone.get(), eventsTotal.get());
        } catch (RuntimeException e) {
            error = e.getMessage();
            state = "failed";
            log.error("Rebuild failed after {} events; the live read model is unchanged. POST /admin/rebuild resumes: {}",
                    eventsDone.get(), e.getMessage(), e);
        } finally {
            endNanos = System.nanoTime();
            finishedAt = Instant.now();
        }
    }

    private RebuildSource chooseAutomatically() {
        try (KafkaReplay replay = new KafkaReplay(consumerFactory.getConfigurationProperties(), topic, 1)) {
            boolean complete = replay.beginningOffsets().values().stream().allMatch(offset -> offset == 0);
            log.info("Rebuild source auto: {}", complete ? "kafka (every partition still starts at offset 0)"
                    : "event-store (retention has deleted the start of the topic)");
            return complete ? RebuildSource.KAFKA : RebuildSource.EVENT_STORE;
        }
    }

    private void readKafka(KafkaReplay replay, Map<Integer, Long> until, Map<Integer, Long> beginning,
                           BatchProgress progress) {
        try (Pipeline pipeline = new Pipeline(progress)) {
            replay.readUntil(until, (values, nextOffsets) -> pipeline.write(values,
                    () -> schema.saveKafkaOffsets(nextOffsets),
                    () -> eventsDone.set(distance(beginning, nextOffsets))), this::checkInterrupted);
            pipeline.finish();
        }
    }

    /**
     * Decodes each batch on a thread of its own while the batch before it is written, so that JSON decoding
     * overlaps the database's work instead of adding to it. Batches are written strictly in the order given;
     * one not yet written when the pipeline closes without {@link #finish()} (interrupt, failure) is dropped,
     * and its events are read again on resume.
     */
    private final class Pipeline implements AutoCloseable {

        private final BatchProgress progress;
        private final ExecutorService decoding = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ledger-rebuild-decode");
            thread.setDaemon(true);
            return thread;
        });
        private Future<BatchProjector.Decoded> pending;
        private Runnable pendingBookkeeping;
        private Runnable pendingDone;

        Pipeline(BatchProgress progress) {
            this.progress = progress;
        }

        /** Queues the records; {@code bookkeeping} runs in their batch's transaction, {@code done} after it. */
        void write(List<String> records, Runnable bookkeeping, Runnable done) {
            Future<BatchProjector.Decoded> decoded = decoding.submit(() -> writer.decode(records));
            finish();
            pending = decoded;
            pendingBookkeeping = bookkeeping;
            pendingDone = done;
        }

        /** Writes the batch still waiting, if any. */
        void finish() {
            if (pending == null) {
                return;
            }
            BatchProjector.Decoded decoded = resultOf(pending);
            pending = null;
            writer.write(decoded, progress, pendingBookkeeping);
            pendingDone.run();
            logProgress();
        }

        @Override
        public void close() {
            decoding.shutdownNow();
        }
    }

    /** Every debate of the event store, each from the sequence after the one the rebuilt tables have. */
    private void readEventStore(BatchProgress progress) {
        List<EventStoreClient.StoredDebate> debates = new ArrayList<>();
        String after = null;
        do {
            EventStoreClient.DebatePage page = eventStore.debates(after, 10_000);
            debates.addAll(page.debates());
            after = page.next();
        } while (after != null);
        long total = 0;
        long done = 0;
        for (EventStoreClient.StoredDebate debate : debates) {
            total += debate.lastSequence();
            done += Math.min(debate.lastSequence(), progress.lastSequences().getOrDefault(debate.debateId(), 0L));
        }
        eventsTotal.set(total);
        eventsDone.set(done);
        doneAtStart = done;
        // Several requests in flight (the feed answers one debate per request), applied strictly in the order
        // they were asked for, so each debate's events stay in sequence order.
        ExecutorService fetchers = Executors.newFixedThreadPool(FETCHERS, task -> {
            Thread thread = new Thread(task, "ledger-rebuild-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try (Pipeline pipeline = new Pipeline(progress)) {
            Deque<Future<List<String>>> inFlight = new ArrayDeque<>();
            Iterator<EventStoreClient.StoredDebate> debatesLeft = debates.iterator();
            EventStoreClient.StoredDebate debate = null;
            long from = 0;
            List<String> batch = new ArrayList<>();
            while (true) {
                while (inFlight.size() < FETCH_WINDOW) {
                    if (debate == null || from > debate.lastSequence()) {
                        if (!debatesLeft.hasNext()) {
                            break;
                        }
                        debate = debatesLeft.next();
                        from = progress.lastSequences().getOrDefault(debate.debateId(), 0L) + 1;
                        continue;
                    }
                    String debateId = debate.debateId();
                    long chunkFrom = from;
                    long chunkTo = Math.min(debate.lastSequence(), from + FETCH_CHUNK - 1);
                    inFlight.add(fetchers.submit(() -> fetch(debateId, chunkFrom, chunkTo)));
                    from = chunkTo + 1;
                }
                if (inFlight.isEmpty()) {
                    break;
                }
                batch.addAll(resultOf(inFlight.poll()));
                if (batch.size() >= batchSize) {
                    queueBatch(pipeline, batch);
                }
                checkInterrupted();
            }
            queueBatch(pipeline, batch);
            pipeline.finish();
        } finally {
            fetchers.shutdownNow();
        }
    }

    private List<String> fetch(String debateId, long from, long to) {
        List<String> events = new ArrayList<>();
        while (from <= to) {
            EventStoreClient.DebateEvents page = eventStore.events(debateId, from, (int) (to - from + 1))
                    .orElseThrow(() -> new EventStoreUnavailable("the event store does not know debate " + debateId, null));
            if (page.events().isEmpty()) {
                throw new EventStoreUnavailable("the event store has no events of debate " + debateId
                        + " from sequence " + from + " although it listed it up to " + to, null);
            }
            events.addAll(page.events());
            from += page.events().size();
        }
        return events;
    }

    private static <T> T resultOf(Future<T> fetched) {
        try {
            return fetched.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching from the event store", e);
        }
    }

    /** Adds the debate's events from..to to the batch, writing full batches as it goes. */
    private void fetchInto(List<String> batch, String debateId, long from, long to, BatchProgress progress) {
        while (from <= to) {
            checkInterrupted();
            int limit = (int) Math.min(to - from + 1, 10_000);
            EventStoreClient.DebateEvents events = eventStore.events(debateId, from, limit)
                    .orElseThrow(() -> new EventStoreUnavailable("the event store does not know debate " + debateId, null));
            if (events.events().isEmpty()) {
                throw new EventStoreUnavailable("the event store has no events of debate " + debateId + " from sequence "
                        + from + " although it listed it up to " + to, null);
            }
            batch.addAll(events.events());
            from += events.events().size();
            if (batch.size() >= batchSize) {
                writeBatch(batch, progress);
            }
        }
    }

    private void queueBatch(Pipeline pipeline, List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        int size = batch.size();
        pipeline.write(new ArrayList<>(batch), () -> { }, () -> eventsDone.addAndGet(size));
        batch.clear();
    }

    private void writeBatch(List<String> batch, BatchProgress progress) {
        if (batch.isEmpty()) {
            return;
        }
        writer.write(batch, progress, () -> { });
        eventsDone.addAndGet(batch.size());
        batch.clear();
        logProgress();
    }

    private void swapInPlace(BatchProgress progress, Runnable readToLiveEnd) {
        checkInterrupted();
        schema.createSecondaryIndexes();
        checkInterrupted();
        state = "swapping";
        log.info("Rebuild read {} events; pausing the live projection to catch up and swap", eventsDone.get());
        MessageListenerContainer container = listeners.getListenerContainer(LISTENER);
        boolean paused = container != null && container.isRunning();
        if (paused) {
            pauseAndWait(container);
        }
        try {
            readToLiveEnd.run();
            // The live listener is paused, but a gap repair may still commit into the live tables until the
            // swap locks them; the swap checks again under its locks and this catches up once more if so.
            for (int attempt = 1; ; attempt++) {
                catchUpWithLive(progress);
                if (schema.swapUnlessLiveIsAhead()) {
                    break;
                }
                if (attempt == MAX_SWAP_ATTEMPTS) {
                    throw new IllegalStateException("cannot swap: gap repairs moved the live read model ahead of the "
                            + "rebuilt one " + attempt + " times while swapping; the live read model is kept, "
                            + "start the rebuild again to resume it");
                }
                log.info("Rebuild: a gap repair moved the live read model ahead while swapping; catching up again");
            }
        } finally {
            if (paused) {
                container.resume();
            }
        }
    }

    /** Fetches from the event store what the live model has further than the rebuilt one (e.g. gaps it repaired). */
    private void catchUpWithLive(BatchProgress progress) {
        Map<String, long[]> behind = schema.debatesBehindLive();
        if (behind.isEmpty()) {
            return;
        }
        log.info("Rebuild: {} debates are further in the live model; fetching the rest from the event store", behind.size());
        List<String> batch = new ArrayList<>();
        try {
            behind.forEach((debateId, sequences) -> fetchInto(batch, debateId, sequences[0] + 1, sequences[1], progress));
        } catch (EventStoreUnavailable e) {
            throw new IllegalStateException("cannot swap: " + behind.size() + " debates are further in the live"
                    + " read model than in the rebuilt one, and the event store cannot supply the rest ("
                    + e.getMessage() + "); the live read model is kept", e);
        }
        writeBatch(batch, progress);
        Map<String, long[]> stillBehind = schema.debatesBehindLive();
        if (!stillBehind.isEmpty()) {
            throw new IllegalStateException("cannot swap: debates " + stillBehind.keySet()
                    + " are still further in the live read model; the live read model is kept");
        }
    }

    private static void pauseAndWait(MessageListenerContainer container) {
        container.pause();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!container.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                container.resume();
                throw new IllegalStateException("the live projection did not pause within 60 s; nothing was swapped");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                container.resume();
                throw new IllegalStateException("interrupted while pausing the live projection", e);
            }
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

    private static long distance(Map<Integer, Long> from, Map<Integer, Long> to) {
        long sum = 0;
        for (Map.Entry<Integer, Long> entry : to.entrySet()) {
            sum += Math.max(0, entry.getValue() - from.getOrDefault(entry.getKey(), 0L));
        }
        return sum;
    }

    private static final class RebuildInterrupted extends RuntimeException {
        RebuildInterrupted() {
            super("interrupted", null, false, false);
        }
    }
}
