package dev.ledger.query.rebuild;

import java.time.Instant;

/**
 * What {@code GET /admin/rebuild} answers. {@code eventsTotal} is an estimate (records on the topic, or the
 * sum of the debates' last sequences in the event store); {@code resumable}: an interrupted or failed rebuild
 * left its tables, and the next start continues from them.
 */
public record RebuildStatus(String state, String source, long eventsDone, long eventsTotal, double eventsPerSecond,
                            Long secondsLeft, Instant startedAt, Instant finishedAt, String error, boolean resumable) {
}
