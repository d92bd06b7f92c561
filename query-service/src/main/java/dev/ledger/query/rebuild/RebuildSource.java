package dev.ledger.query.rebuild;

import dev.ledger.web.problem.InvalidRequestException;

/**
 * Where a rebuild reads the events from.
 * <ul>
 *   <li>{@code kafka}: the topic from its first offset; fastest, and the same records the live projection
 *       saw. Complete only while retention has not deleted anything.</li>
 *   <li>{@code event-store}: the command-service's event feed, debate by debate; complete by definition (it
 *       is the source of truth), slower (HTTP), and needs the command-service up.</li>
 *   <li>{@code auto}: kafka when every partition still starts at offset 0, otherwise event-store.</li>
 * </ul>
 */
enum RebuildSource {
    AUTO("auto"), KAFKA("kafka"), EVENT_STORE("event-store");

    private final String wireName;

    RebuildSource(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static RebuildSource parse(String value) {
        for (RebuildSource source : values()) {
            if (source.wireName.equals(value)) {
                return source;
            }
        }
        throw new InvalidRequestException("source", "must be one of auto, kafka, event-store");
    }
}
