package dev.ledger.bench.machine;

import dev.ledger.bench.workload.LedgerClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scrape of a service's {@code /actuator/prometheus}: each series (name and labels, as written) with its
 * value. Two scrapes around a phase give what the service counted during it ({@link #since}).
 */
public final class ServiceMetrics {

    private static final ServiceMetrics NONE = new ServiceMetrics(Map.of());

    private final Map<String, Double> series;

    private ServiceMetrics(Map<String, Double> series) {
        this.series = series;
    }

    /** The service's metrics now; empty (every sum 0, {@link #available()} false) when it does not answer. */
    public static ServiceMetrics scrape(LedgerClient client, String serviceUrl) {
        try {
            var response = client.getText(serviceUrl + "/actuator/prometheus");
            return response.statusCode() == 200 ? parse(response.body()) : NONE;
        } catch (Exception e) {
            return NONE;
        }
    }

    /** Reads the Prometheus text format's sample lines ({@code name{labels} value}). */
    public static ServiceMetrics parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.isEmpty() || line.startsWith("#") || space < 0) {
                continue;
            }
            try {
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException ignored) {
                // Not a sample line.
            }
        }
        return new ServiceMetrics(series);
    }

    public boolean available() {
        return !series.isEmpty();
    }

    /** This scrape's counts minus an earlier one's (counters and histogram buckets; gauges make no sense here). */
    public ServiceMetrics since(ServiceMetrics earlier) {
        Map<String, Double> delta = new LinkedHashMap<>();
        series.forEach((key, value) -> delta.put(key, value - earlier.series.getOrDefault(key, 0.0)));
        return new ServiceMetrics(delta);
    }

    /** The sum of every series of metric {@code name} whose labels pass {@code labels} (the text between the braces). */
    public double sum(String name, Predicate<String> labels) {
        double total = 0;
        for (Map.Entry<String, Double> entry : series.entrySet()) {
            String key = entry.getKey();
            int brace = key.indexOf('{');
            String metric = brace < 0 ? key : key.substring(0, brace);
            String labelText = brace < 0 ? "" : key.substring(brace + 1, key.length() - 1);
            if (metric.equals(name) && labels.test(labelText)) {
                total += entry.getValue();
            }
        }
        return total;
    }

    public double sum(String name) {
        return sum(name, labels -> true);
    }

    /** What the JVM's JIT compilers worked, in ms (Micrometer's jvm.compilation.time). */
    public double compilationMillis() {
        return sum("jvm_compilation_time_ms_total");
    }
}
