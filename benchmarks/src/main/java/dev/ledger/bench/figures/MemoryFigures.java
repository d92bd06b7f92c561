package dev.ledger.bench.figures;

import dev.ledger.bench.BenchRun;
import dev.ledger.bench.machine.LedgerProcesses;
import dev.ledger.bench.report.Figure;

import java.util.Map;

/** Figure 7: peak memory of each part over the whole run, sampled in the background from the start. */
public final class MemoryFigures {

    private MemoryFigures() {
    }

    public static void measure(BenchRun run) {
        Map<String, Double> rss = run.sampler.peakMemoryMb();
        Map<String, Double> heap = run.sampler.peakHeapMb();
        for (String part : LedgerProcesses.PARTS) {
            String name = "peak_memory_" + part.replace('-', '_');
            String description = part.equals("postgres")
                    ? "Peak memory of PostgreSQL during the run: the sum of the proportional set size (PSS: shared memory "
                    + "counted once) of the postmaster and all its backends, sampled every " + run.settings.samplerIntervalMillis() + " ms."
                    : "Peak resident memory (RSS) of the " + part + " process during the run: the kernel's VmHWM, or the highest sample.";
            Double value = rss.get(part);
            run.report.add(value == null
                    ? Figure.notMeasured(name, description, "MB", "no process of this part found (no pid file in "
                    + run.options.ledgerData().resolve("run") + ", no process with -Dledger.part=" + part + ", or no /proc)")
                    : Figure.of(name, description, value, "MB"));
        }
        for (String service : new String[] {"command-service", "query-service"}) {
            String name = "peak_heap_" + service.replace('-', '_');
            String description = "Highest used heap of the " + service + " (jvm.memory.used, area heap, from /actuator/metrics) "
                    + "sampled every " + run.settings.samplerIntervalMillis() + " ms during the run.";
            Double value = heap.get(service);
            if (value == null) {
                run.report.add(Figure.notMeasured(name, description, "MB", "/actuator/metrics/jvm.memory.used did not answer"));
                continue;
            }
            run.report.add(Figure.of(name, description, value, "MB").withTarget("< 512 MB", value < 512));
        }
    }
}
