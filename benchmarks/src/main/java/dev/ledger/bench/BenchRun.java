package dev.ledger.bench;

import dev.ledger.bench.machine.CpuSnapshot;
import dev.ledger.bench.machine.CpuSnapshot.CpuUsage;
import dev.ledger.bench.machine.ResourceSampler;
import dev.ledger.bench.report.Report;
import dev.ledger.bench.workload.DebateSession;
import dev.ledger.bench.workload.DebateSession.WrittenDebate;
import dev.ledger.bench.workload.LedgerClient;
import dev.ledger.bench.workload.LoadRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** What every figure of one run shares: where the ledger is, the clients, the sampler, the report. */
public final class BenchRun {

    public final BenchOptions options;
    public final BenchSettings settings;
    public final LedgerClient client;
    public final LoadRunner runner;
    public final ResourceSampler sampler;
    public final Report report;
    private final List<DebateSession> sessions = new ArrayList<>();
    private final List<DebateSession> pool = new ArrayList<>();
    private final List<WrittenDebate> finishedDebates = new ArrayList<>();
    private final AtomicLong sessionCounter = new AtomicLong();

    public BenchRun(BenchOptions options, BenchSettings settings, LedgerClient client, ResourceSampler sampler, Report report) {
        this.options = options;
        this.settings = settings;
        this.client = client;
        this.runner = new LoadRunner(client);
        this.sampler = sampler;
        this.report = report;
    }

    /** A new session of realistic debates, remembered so the query figures can read what it wrote. */
    public synchronized DebateSession newSession(long eventsPerDebate) {
        long n = sessionCounter.incrementAndGet();
        DebateSession session = new DebateSession("p" + n, eventsPerDebate, 42 + n, this::debateFinished);
        sessions.add(session);
        return session;
    }

    private synchronized void debateFinished(WrittenDebate debate) {
        if (finishedDebates.size() < 100_000) {
            finishedDebates.add(debate);
        }
    }

    /**
     * The first n sessions of a pool shared by the load phases, so that a phase continues debates already set up
     * and its command mix is that of debates in progress, not of their opening.
     */
    public synchronized List<DebateSession> pool(int n) {
        while (pool.size() < n) {
            pool.add(newSession(settings.eventsPerDebate()));
        }
        return List.copyOf(pool.subList(0, n));
    }

    /** Every debate written so far with at least one participant (finished ones and the ones in progress). */
    public synchronized List<WrittenDebate> writtenDebates() {
        List<WrittenDebate> all = new ArrayList<>(finishedDebates);
        for (DebateSession session : sessions) {
            WrittenDebate written = session.written();
            if (written != null) {
                all.add(written);
            }
        }
        all.removeIf(d -> d.participants().isEmpty() || d.openedAt() == null || d.lastWriteAt() == null);
        return all;
    }

    /** Runs one phase, logging it and recording its duration and CPU use; returns the CPU use. */
    public <T> Phase<T> phase(String name, Callable<T> body) throws Exception {
        return phase(name, Map.of(), body);
    }

    /** As {@link #phase(String, Callable)}, measuring the CPU of these processes too (part name to pid). */
    public <T> Phase<T> phase(String name, Map<String, Long> alsoSample, Callable<T> body) throws Exception {
        log("phase: " + name);
        CpuSnapshot before = sampler.cpu(alsoSample);
        T result = body.call();
        CpuUsage usage = before.until(sampler.cpu(alsoSample));
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("name", name);
        phase.put("seconds", Math.round(usage.seconds() * 10) / 10.0);
        phase.put("cpu", usage.describe());
        phase.put("machineBusyPercent", Double.isNaN(usage.machineBusyPercent()) ? null : Math.round(usage.machineBusyPercent()));
        Map<String, Object> parts = new LinkedHashMap<>();
        usage.percentOfOneCoreByPart().forEach((part, percent) -> parts.put(part, Math.round(percent)));
        phase.put("percentOfOneCoreByPart", parts);
        synchronized (report) {
            report.phases.add(phase);
        }
        return new Phase<>(result, usage);
    }

    public record Phase<T>(T result, CpuUsage cpu) {
    }

    public static void log(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }

    public static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
