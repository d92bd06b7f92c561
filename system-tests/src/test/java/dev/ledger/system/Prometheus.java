package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;

/** Reads counters from a service's /actuator/prometheus text. */
final class Prometheus {

    private Prometheus() {
    }

    /** The sum of all series of {@code metric} (optionally only those with {@code label}, e.g. reason="MALFORMED"); 0 when absent. */
    static double sum(JsonHttp service, String metric, String label) {
        Answer answer = service.get("/actuator/prometheus");
        if (answer.status() != 200) {
            throw new AssertionError("/actuator/prometheus answered " + answer);
        }
        double total = 0;
        for (String line : answer.text().split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            if (label != null && !line.contains(label)) {
                continue;
            }
            String value = line.substring(line.lastIndexOf(' ') + 1);
            total += Double.parseDouble(value);
        }
        return total;
    }
}
