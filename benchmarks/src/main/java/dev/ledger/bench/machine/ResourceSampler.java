package dev.ledger.bench.machine;

import dev.ledger.bench.workload.LedgerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples, in the background, the memory of each ledger part: resident set (RSS) of the JVM parts, proportional
 * set (PSS, shared memory counted once) of PostgreSQL's processes together, and used heap of the two services
 * from their /actuator/metrics. Keeps the peaks.
 */
public final class ResourceSampler implements AutoCloseable {

    private final LedgerProcesses processes;
    private final LedgerClient client;
    private final long intervalMillis;
    private final Map<String, Long> peakMemoryKb = new ConcurrentHashMap<>();
    private final Map<String, Long> peakHeapBytes = new ConcurrentHashMap<>();
    private final Map<String, Long> roots;
    private final CpuSnapshot runStart;
    private final Thread thread;
    private volatile boolean running = true;

    public ResourceSampler(LedgerProcesses processes, LedgerClient client, long intervalMillis) {
        this.processes = processes;
        this.client = client;
        this.intervalMillis = intervalMillis;
        this.roots = LedgerProcesses.procAvailable() ? processes.roots() : Map.of();
        this.runStart = CpuSnapshot.take(roots);
        this.thread = new Thread(this::loop, "bench-resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public Map<String, Long> roots() {
        return roots;
    }

    public CpuSnapshot cpu() {
        return CpuSnapshot.take(roots);
    }

    /** CPU used so far by the ledger's parts and also by these processes (e.g. a limit's server), by part name. */
    public CpuSnapshot cpu(Map<String, Long> alsoThese) {
        if (alsoThese.isEmpty()) {
            return cpu();
        }
        Map<String, Long> all = new LinkedHashMap<>(roots);
        all.putAll(alsoThese);
        return CpuSnapshot.take(all);
    }

    /** The shared-machine warning over the whole run so far (see {@link CpuSnapshot.CpuUsage#sharedMachineWarning()}). */
    public String sharedMachineWarning() {
        return runStart.until(cpu()).sharedMachineWarning().replace("during this phase", "during the run so far");
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        Map<Long, Long> parents = roots.containsKey("postgres") ? LedgerProcesses.parents() : Map.of();
        roots.forEach((part, pid) -> {
            long kb;
            if (part.equals("postgres")) {
                kb = 0;
                for (long member : LedgerProcesses.tree(pid, parents)) {
                    long pss = pssKb(member);
                    kb += pss >= 0 ? pss : Math.max(0, LedgerProcesses.statusKb(member, "VmRSS"));
                }
            } else {
                kb = LedgerProcesses.statusKb(pid, "VmRSS");
            }
            if (kb > 0) {
                peakMemoryKb.merge(part, kb, Math::max);
            }
        });
        heap("command-service", client.commandUrl());
        heap("query-service", client.queryUrl());
    }

    private void heap(String part, String baseUrl) {
        try {
            HttpResponse<String> response = client.actuator(baseUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap");
            if (response.statusCode() == 200) {
                JsonNode value = JsonMapper.builder().build().readTree(response.body()).path("measurements").path(0).path("value");
                if (value.isNumber()) {
                    peakHeapBytes.merge(part, value.asLong(), Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a missed sample; the next one counts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long pssKb(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"));
            for (String line : lines) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Peak memory in MB by part: the kernel's own peak RSS (VmHWM) for JVM parts when higher than sampled. */
    public Map<String, Double> peakMemoryMb() {
        sample();
        Map<String, Double> peaks = new LinkedHashMap<>();
        roots.forEach((part, pid) -> {
            long kb = peakMemoryKb.getOrDefault(part, -1L);
            if (!part.equals("postgres")) {
                kb = Math.max(kb, LedgerProcesses.statusKb(pid, "VmHWM"));
            }
            if (kb > 0) {
                peaks.put(part, kb / 1024.0);
            }
        });
        return peaks;
    }

    public Map<String, Double> peakHeapMb() {
        Map<String, Double> peaks = new LinkedHashMap<>();
        peakHeapBytes.forEach((part, bytes) -> peaks.put(part, bytes / 1024.0 / 1024.0));
        return peaks;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
