package dev.ledger.query.web.live;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open live streams of this instance, by debate, and what each was last told. At most
 * ledger.web.max-live-pages (LEDGER_MAX_LIVE_PAGES) are open at once; each ends after ledger.web.live-timeout
 * (the browser's EventSource then reconnects with Last-Event-ID) and gets a comment every ledger.web.live-heartbeat,
 * which keeps proxies from closing it and finds the streams whose browser has gone.
 */
@Component
class LiveStreams {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    /** One browser page's stream of one debate. */
    private static final class Stream {
        final String debateId;
        final SseEmitter emitter;
        long lastSent;

        Stream(String debateId, SseEmitter emitter, long lastSent) {
            this.debateId = debateId;
            this.emitter = emitter;
            this.lastSent = lastSent;
        }
    }

    private final Map<String, Set<Stream>> byDebate = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final int maxOpen;
    private final Duration timeout;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ledger-live-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    LiveStreams(@Value("${ledger.web.max-live-pages:1000}") int maxOpen,
                @Value("${ledger.web.live-timeout:30m}") Duration timeout,
                @Value("${ledger.web.live-heartbeat:25s}") Duration heartbeatInterval) {
        this.maxOpen = maxOpen;
        this.timeout = timeout;
        long every = heartbeatInterval.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    int maxOpen() {
        return maxOpen;
    }

    /** A new stream of the debate whose reader already saw {@code seen}; empty when the most allowed are open. */
    Optional<SseEmitter> open(String debateId, long seen) {
        if (open.incrementAndGet() > maxOpen) {
            open.decrementAndGet();
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Stream stream = new Stream(debateId, emitter, seen);
        emitter.onCompletion(() -> close(stream));
        emitter.onTimeout(() -> close(stream));
        emitter.onError(error -> close(stream));
        byDebate.compute(debateId, (id, streams) -> {
            Set<Stream> all = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            all.add(stream);
            return all;
        });
        return Optional.of(emitter);
    }

    /** Tells every stream of the debate that has not heard of it yet that it reached {@code sequence}. */
    void changed(String debateId, long sequence) {
        Set<Stream> streams = byDebate.get(debateId);
        if (streams != null) {
            streams.forEach(stream -> send(stream, sequence));
        }
    }

    /** The debates some stream follows (to catch up after the listener missed notifications). */
    Set<String> followedDebates() {
        return Set.copyOf(byDebate.keySet());
    }

    int openStreams() {
        return open.get();
    }

    private void send(Stream stream, long sequence) {
        synchronized (stream) {
            if (sequence <= stream.lastSent) {
                return;
            }
            try {
                stream.emitter.send(SseEmitter.event().id(Long.toString(sequence)).name("changed")
                        .data(Map.of("debateId", stream.debateId, "sequence", sequence), MediaType.APPLICATION_JSON));
                stream.lastSent = sequence;
            } catch (IOException | IllegalStateException gone) {
                stream.emitter.completeWithError(gone);
                close(stream);
            }
        }
    }

    private void beat() {
        for (Set<Stream> streams : byDebate.values()) {
            for (Stream stream : streams) {
                synchronized (stream) {
                    try {
                        stream.emitter.send(SseEmitter.event().comment("keep-alive"));
                    } catch (IOException | IllegalStateException gone) {
                        stream.emitter.completeWithError(gone);
                        close(stream);
                    }
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
}
