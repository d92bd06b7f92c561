package dev.ledger.command.problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Counts and logs (one INFO line, no stack trace) every refused request. */
@Component
public class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final MeterRegistry meters;

    public Rejections(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String kind, int status, String method, String path, String field, String reason) {
        count(kind, field);
        log.info("Rejected {} {} with {} {}: {}: {}", method, path, status, kind, field, reason);
    }

    /** Counts without logging, for refusals that log themselves at another level. */
    public void count(String kind, String field) {
        Counter.builder("ledger.commands.rejected")
                .description("Commands refused, by kind of problem and field")
                .tag("kind", kind)
                .tag("field", field == null ? "none" : field.replaceAll("\\[\\d+]", "[]"))
                .register(meters)
                .increment();
    }
}
