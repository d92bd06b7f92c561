package dev.ledger.web.problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs (one INFO line, no stack trace) every refused request. The counter is tagged by kind only:
 * a field name can come from the client (an unknown JSON member), and no client string becomes a tag.
 */
public class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);
    private static final int LOGGED_TEXT_MAX = 200;

    private final MeterRegistry meters;

    public Rejections(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String kind, int status, String method, String path, String field, String reason) {
        count(kind);
        log.info("Rejected {} {} with {} {}: {}: {}", loggable(method), loggable(path), status, kind, loggable(field),
                loggable(reason));
    }

    /** Counts without logging, for refusals that log themselves at another level. */
    public void count(String kind) {
        Counter.builder("ledger.requests.rejected")
                .description("Requests refused, by kind of problem")
                .tag("kind", kind)
                .register(meters)
                .increment();
    }

    /**
     * Text from a request as it may stand in a log line: control characters escaped (no forged lines) and
     * at most 200 characters.
     */
    public static String loggable(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > LOGGED_TEXT_MAX ? text.substring(0, LOGGED_TEXT_MAX) + "..." : text;
        StringBuilder safe = new StringBuilder(cut.length());
        cut.chars().forEach(c -> safe.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return safe.toString();
    }
}
