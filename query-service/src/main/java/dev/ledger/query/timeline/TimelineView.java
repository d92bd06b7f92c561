package dev.ledger.query.timeline;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.List;

/**
 * A page of a debate's timeline. {@code sequence} is the debate's last applied sequence when the page was read;
 * {@code nextAfter} is the {@code after} value for the next page, null on the last page.
 */
public record TimelineView(String debateId, long sequence, List<Entry> entries, Long nextAfter) {

    /** One applied event: who did what, in words ({@code summary}) and as the event's own fields ({@code details}). */
    public record Entry(long sequence, String type, Instant at, String participantId, String claimId, String reasonId,
                        String summary, @JsonRawValue String details) {
    }
}
