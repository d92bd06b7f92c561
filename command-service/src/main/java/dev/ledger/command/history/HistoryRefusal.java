package dev.ledger.command.history;

import dev.ledger.web.problem.Refusal;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** What the history endpoints refuse beyond the shared 400/403/404: an unauthenticated import, a bad or clashing bundle. */
final class HistoryRefusal extends Refusal {

    private HistoryRefusal(HttpStatus status, String field, String reason, Map<String, Object> extras) {
        super(status, field, reason, extras);
    }

    static HistoryRefusal unauthenticated(String reason) {
        return new HistoryRefusal(HttpStatus.UNAUTHORIZED, "Authorization", reason, Map.of());
    }

    static HistoryRefusal tooLarge(long limit) {
        return new HistoryRefusal(HttpStatus.CONTENT_TOO_LARGE, "body", "must be at most " + limit + " bytes", Map.of());
    }

    /** The bundle does not verify, or cannot be read: 422 naming the first event at fault when there is one. */
    static HistoryRefusal badBundle(String reason, Long sequence, String eventId) {
        Map<String, Object> extras = new java.util.LinkedHashMap<>();
        if (sequence != null) {
            extras.put("sequence", sequence);
        }
        if (eventId != null) {
            extras.put("eventId", eventId);
        }
        return new HistoryRefusal(HttpStatus.UNPROCESSABLE_CONTENT, "body", reason, extras);
    }

    /** The debate exists here with a history the bundle does not extend. */
    static HistoryRefusal conflict(String reason, Long sequence) {
        return new HistoryRefusal(HttpStatus.CONFLICT, "debateId", reason,
                sequence == null ? Map.of() : Map.of("sequence", sequence));
    }
}
