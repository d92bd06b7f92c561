package dev.ledger.query.web.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open live streams of this instance, by debate, and what each was last told. At most
 * ledger.web.max-live-pages (LEDGER_MAX_LIVE_PAGES) are open at once; each ends after ledger.web.live-timeout
 * (the browser's EventSource then reconnects with Last-Event-ID) and gets a comment every ledger.web.live-heartbeat,
 * which keeps proxies from closing it and finds the streams whose browser has gone.
 * <p>
 * Nothing is written to a browser on the caller's thread (the database listener's, the heartbeat's): each stream's
 * writes run on a small bounded pool ({@value #SENDERS} threads, a queue of at most one task per open stream), one
 * task per stream at a time, and what arrives for a stream while its task waits or writes is coalesced into it (the
 * latest sequence is all a page needs), so the queue never holds more tasks than there are open streams. A browser
 * whose connection stopped taking data holds one sender until the write fails, and delays neither the listener nor
 * other pages. {@code ledger.web.live.sends.waiting} is how many streams wait for a sender and
 * {@code ledger.web.live.sends.slow} counts writes that blocked longer than {@link #SLOW_SEND}: both grow when
 * browsers stop reading.
 */
@Component
class LiveStreams {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    /** Threads writing to browsers; each stuck browser holds at most one of them. */
    static final int SENDERS = 4;
    static final Duration SLOW_SEND = Duration.ofSeconds(1);

    /** One browser page's stream of one debate. Its fields are guarded by the stream itself. */
    private static final class Stream {
        final String debateId;
        final SseEmitter emitter;
        long lastSent;
        /** The latest sequence to tell it, and whether a keep-alive is due; written by anyone, taken by its task. */
        long pending;
        boolean beatDue;
        /** Whether a task of this stream is queued or running (then new work joins it). */
        boolean scheduled;

        Stream(String debateId, SseEmitter emitter, long lastSent) {
            this.debateId = debateId;
            this.emitter = emitter;
            this.lastSent = lastSent;
            this.pending = lastSent;
        }
    }

    private final Map<String, Set<Stream>> byDebate = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final int maxOpen;
    private final Duration timeout;
    private final ThreadPoolExecutor senders;
    private final Counter slow;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ledger-live-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    LiveStreams(@Value("${ledger.web.max-live-pages:1000}") int maxOpen,
                @Value("${ledger.web.live-timeout:30m}") Duration timeout,
                @Value("${ledger.web.live-heartbeat:25s}") Duration heartbeatInterval,
                MeterRegistry registry) {
        this.maxOpen = maxOpen;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(SENDERS, SENDERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, maxOpen)),
                task -> {
                    Thread thread = new Thread(task, "ledger-live-sender-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.senders.allowCoreThreadTimeOut(true);
        this.slow = Counter.builder("ledger.web.live.sends.slow")
                .description("Live-page writes that blocked longer than " + SLOW_SEND.toMillis() + " ms (a browser not reading)")
                .register(registry);
        Gauge.builder("ledger.web.live.sends.waiting", senders, executor -> executor.getQueue().size())
                .description("Live pages waiting for a sender").register(registry);
        long every = heartbeatInterval.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    int maxOpen() {
        return maxOpen;
    }

    /** A new stream of the debate whose reader already saw {@code seen}; empty when the most allowed are open. */
    Optional<SseEmitter> open(String debateId, long seen) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        return register(debateId, emitter, seen) ? Optional.of(emitter) : Optional.empty();
    }

    /** Follows the debate with this emitter; false when the most allowed are open. */
    boolean register(String debateId, SseEmitter emitter, long seen) {
        if (open.incrementAndGet() > maxOpen) {
            open.decrementAndGet();
            return false;
        }
        Stream stream = new Stream(debateId, emitter, seen);
        emitter.onCompletion(() -> close(stream));
        emitter.onTimeout(() -> close(stream));
        emitter.onError(error -> close(stream));
        byDebate.compute(debateId, (id, streams) -> {
            Set<Stream> all = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            all.add(stream);
            return all;
        });
        return true;
    }

    /** Tells every stream of the debate that has not heard of it yet that it reached {@code sequence}; does not wait. */
    void changed(String debateId, long sequence) {
        Set<Stream> streams = byDebate.get(debateId);
        if (streams != null) {
            streams.forEach(stream -> {
                synchronized (stream) {
                    stream.pending = Math.max(stream.pending, sequence);
                }
                schedule(stream);
            });
        }
    }

    /** The debates some stream follows (to catch up after the listener missed notifications). */
    Set<String> followedDebates() {
        return Set.copyOf(byDebate.keySet());
    }

    int openStreams() {
        return open.get();
    }

    private void beat() {
        for (Set<Stream> streams : byDebate.values()) {
            for (Stream stream : streams) {
                synchronized (stream) {
                    stream.beatDue = true;
                }
                schedule(stream);
            }
        }
    }

    /** Queues the stream's task unless one is queued or running already (which then sends this too). */
    private void schedule(Stream stream) {
        synchronized (stream) {
            if (stream.scheduled) {
                return;
            }
            stream.scheduled = true;
        }
        try {
            senders.execute(() -> drain(stream));
        } catch (RejectedExecutionException shutDown) {
            synchronized (stream) {
                stream.scheduled = false;
            }
        }
    }

    /** The stream's task: writes what is due (the latest sequence, else a keep-alive) until nothing is. */
    private void drain(Stream stream) {
        while (true) {
            long sequence;
            boolean beat;
            synchronized (stream) {
                sequence = stream.pending > stream.lastSent ? stream.pending : -1;
                beat = stream.beatDue;
                stream.beatDue = false;
                if (sequence < 0 && !beat) {
                    stream.scheduled = false;
                    return;
                }
            }
            long started = System.nanoTime();
            try {
                if (sequence >= 0) {
                    stream.emitter.send(SseEmitter.event().id(Long.toString(sequence)).name("changed")
                            .data(Map.of("debateId", stream.debateId, "sequence", sequence), MediaType.APPLICATION_JSON));
                    synchronized (stream) {
                        stream.lastSent = Math.max(stream.lastSent, sequence);
                    }
                } else {
                    stream.emitter.send(SseEmitter.event().comment("keep-alive"));
                }
            } catch (IOException | IllegalStateException gone) {
                stream.emitter.completeWithError(gone);
                close(stream);
                synchronized (stream) {
                    stream.scheduled = false;
                }
                return;
            } finally {
                if (System.nanoTime() - started > SLOW_SEND.toNanos()) {
                    slow.increment();
                }
            }
        }
    }

    private void close(Stream stream) {
        boolean[] removed = new boolean[1];
        // atomic per debate with open(): a set is dropped only while no stream is being added to it
        byDebate.computeIfPresent(stream.debateId, (id, streams) -> {
            removed[0] = streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        if (removed[0]) {
            log.debug("A live stream closed; {} open", open.decrementAndGet());
        }
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        senders.shutdownNow();
    }
}
