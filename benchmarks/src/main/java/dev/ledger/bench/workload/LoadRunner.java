package dev.ledger.bench.workload;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs N clients, each a thread sending one command at a time through the REST API (a closed loop), for a
 * duration or until told to stop; optionally paced so that all clients together send at a fixed rate.
 */
public final class LoadRunner {

    /** What one run did. */
    public record Result(int clients, double seconds, long accepted, Map<String, Long> rejectedByStatus,
                         Map<Command.Kind, Long> acceptedByKind, Latencies commandLatency) {

        public double acceptedPerSecond() {
            return seconds <= 0 ? 0 : accepted / seconds;
        }

        public long rejected() {
            return rejectedByStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final LedgerClient client;

    public LoadRunner(LedgerClient client) {
        this.client = client;
    }

    /**
     * @param sessionOfClient the session client i drives (clients may share one)
     * @param ratePerSecond   0 for as fast as the clients go, otherwise the pace of all clients together
     * @param stopEarly       checked before each command; true ends the run (may be null)
     * @param onAnswer        told about every answered command (may be null)
     */
    public Result run(int clients, Duration duration, double ratePerSecond, IntFunction<DebateSession> sessionOfClient,
                      BooleanSupplier stopEarly, Consumer<CommandResult> onAnswer) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long interval = ratePerSecond > 0 ? (long) (1_000_000_000L / ratePerSecond) : 0;
        AtomicLong nextSlot = new AtomicLong(start);
        LongAdder accepted = new LongAdder();
        Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
        Map<Command.Kind, LongAdder> byKind = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            DebateSession session = sessionOfClient.apply(i);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline && (stopEarly == null || !stopEarly.getAsBoolean())) {
                    Command command = session.next();
                    if (command == null) {
                        pause(1);
                        continue;
                    }
                    if (interval > 0) {
                        long slot = nextSlot.getAndAdd(interval);
                        long wait = slot - System.nanoTime();
                        if (slot >= deadline) {
                            break;
                        }
                        if (wait > 0) {
                            pauseNanos(wait);
                        }
                    }
                    long sent = 0;
                    int status;
                    String body;
                    try {
                        client.ensureAccountOf(command); // a new participant's account, outside the measured time
                        sent = System.nanoTime();
                        HttpResponse<String> response = client.send(command);
                        status = response.statusCode();
                        body = response.body();
                    } catch (IOException e) {
                        sent = sent == 0 ? System.nanoTime() : sent;
                        status = -1;
                        body = null;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long answered = System.nanoTime();
                    long sequence = session.apply(command, status, body);
                    CommandResult result = new CommandResult(command, session.debateId(), status, sequence, sent, answered);
                    if (result.accepted()) {
                        accepted.increment();
                        latencies.add(result.latencyNanos());
                        byKind.computeIfAbsent(command.kind(), k -> new LongAdder()).increment();
                    } else {
                        rejected.computeIfAbsent(status < 0 ? "io-error" : Integer.toString(status), k -> new LongAdder()).increment();
                    }
                    if (onAnswer != null) {
                        onAnswer.accept(result);
                    }
                }
            }, "bench-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> rejectedByStatus = new TreeMap<>();
        rejected.forEach((status, count) -> rejectedByStatus.put(status, count.sum()));
        Map<Command.Kind, Long> acceptedByKind = new TreeMap<>();
        byKind.forEach((kind, count) -> acceptedByKind.put(kind, count.sum()));
        return new Result(clients, seconds, accepted.sum(), rejectedByStatus, acceptedByKind, latencies);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pauseNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
