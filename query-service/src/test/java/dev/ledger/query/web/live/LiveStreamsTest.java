package dev.ledger.query.web.live;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A browser that stops reading its live stream delays neither the database listener (whose thread calls
 * {@link LiveStreams#changed}) nor another page of the same debate. The stuck browser is an emitter whose write
 * blocks, as a servlet write does once the connection's buffers are full (filling them for real takes megabytes of
 * messages); the page that reads is an emitter that records what it is sent.
 */
class LiveStreamsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LiveStreams streams = new LiveStreams(10, Duration.ofMinutes(30), Duration.ofHours(1), registry);

    @AfterEach
    void stop() {
        streams.stop();
    }

    @Test
    void aStuckPageDelaysNeitherTheListenerNorAnotherPageOfTheDebate() throws InterruptedException {
        StuckPage stuck = new StuckPage();
        ReadingPage reading = new ReadingPage();
        assertThat(streams.register("debate-1", stuck, 0)).isTrue();
        assertThat(streams.register("debate-1", reading, 0)).isTrue();

        long started = System.nanoTime();
        streams.changed("debate-1", 5);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the listener's thread does not wait").isLessThan(Duration.ofMillis(200));
        await().atMost(Duration.ofSeconds(1)).until(() -> reading.sequences.contains(5L));
        await().atMost(Duration.ofSeconds(1)).until(() -> stuck.writes.get() == 1);

        for (long sequence = 6; sequence <= 20; sequence++) {
            streams.changed("debate-1", sequence);
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> reading.sequences.contains(20L));
        assertThat(stuck.writes.get()).as("the stuck page holds one sender, its later messages wait as one").isEqualTo(1);
        assertThat(registry.get("ledger.web.live.sends.waiting").gauge().value()).isZero();

        Thread.sleep(LiveStreams.SLOW_SEND.toMillis()); // the stuck write blocks longer than a slow send
        stuck.release.countDown();
        await().atMost(Duration.ofSeconds(2)).until(() -> stuck.writes.get() == 2);
        assertThat(stuck.lastWrite).as("then it is told the latest sequence at once").contains("id:20");
        assertThat(registry.get("ledger.web.live.sends.slow").counter().count()).isEqualTo(1);
    }

    @Test
    void pagesOfOtherDebatesAreToldWhileEverySenderIsStuck() {
        List<StuckPage> stuck = new CopyOnWriteArrayList<>();
        for (int i = 0; i < LiveStreams.SENDERS; i++) {
            StuckPage page = new StuckPage();
            stuck.add(page);
            streams.register("stuck-" + i, page, 0);
            streams.changed("stuck-" + i, 1);
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> stuck.stream().allMatch(page -> page.writes.get() == 1));
        ReadingPage reading = new ReadingPage();
        streams.register("debate-2", reading, 0);
        long started = System.nanoTime();
        streams.changed("debate-2", 3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        assertThat(registry.get("ledger.web.live.sends.waiting").gauge().value()).as("waiting for a sender").isEqualTo(1);

        stuck.get(0).release.countDown();
        await().atMost(Duration.ofSeconds(2)).until(() -> reading.sequences.contains(3L));
        stuck.forEach(page -> page.release.countDown());
    }

    /** A browser whose connection takes no more data: a write blocks until the test lets it go. */
    private static final class StuckPage extends SseEmitter {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();
        volatile String lastWrite = "";

        @Override
        public void send(SseEventBuilder event) throws IOException {
            writes.incrementAndGet();
            lastWrite = text(event);
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the test never released the stuck page");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** A browser that reads every message at once. */
    private static final class ReadingPage extends SseEmitter {
        private static final Pattern ID = Pattern.compile("id:(\\d+)");
        final List<Long> sequences = new CopyOnWriteArrayList<>();

        @Override
        public void send(SseEventBuilder event) {
            Matcher id = ID.matcher(text(event));
            if (id.find()) {
                sequences.add(Long.parseLong(id.group(1)));
            }
        }
    }

    private static String text(SseEmitter.SseEventBuilder event) {
        return event.build().stream().map(part -> String.valueOf(part.getData())).collect(Collectors.joining());
    }
}
