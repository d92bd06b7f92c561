package dev.ledger.command.eventfeed;

import dev.ledger.command.debate.CommandRules;
import dev.ledger.command.problem.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event store as a source for the query side (admin token required): which debates exist and up to
 * which sequence, and each debate's events in the Kafka envelope JSON.
 */
@RestController
public class EventFeedController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final EventFeed feed;

    public EventFeedController(EventFeed feed) {
        this.feed = feed;
    }

    @Operation(summary = "List debates in the event store with their last sequence (admin)",
            description = "Ordered by debateId; pass the answer's 'next' as 'after' for the following page (null when done).")
    @GetMapping(path = "/admin/event-store/debates", produces = MediaType.APPLICATION_JSON_VALUE)
    public EventFeed.DebatesPage debates(@RequestParam(required = false) String after,
                                         @RequestParam(required = false) String limit) {
        String afterDebate = after == null || after.isEmpty() ? null : CommandRules.uuid(after, "after");
        return feed.debates(afterDebate, limitOf(limit));
    }

    @Operation(summary = "A debate's stored events as Kafka envelopes (admin)",
            description = "Events with sequence >= fromSequence, in order, payloads upcast to the current version. Unknown debate: 404.")
    @GetMapping(path = "/admin/event-store/debates/{debateId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public EventFeed.DebateEvents events(@PathVariable String debateId,
                                         @RequestParam(required = false) String fromSequence,
                                         @RequestParam(required = false) String limit) {
        String debate = CommandRules.uuid(debateId, "debateId");
        long from = fromSequence == null ? 1 : number(fromSequence, "fromSequence", 1, Long.MAX_VALUE);
        return feed.events(debate, from, limitOf(limit))
                .orElseThrow(() -> new DomainException.NotFound("debateId", "debate " + debate + " does not exist"));
    }

    private static int limitOf(String limit) {
        return limit == null ? DEFAULT_LIMIT : (int) number(limit, "limit", 1, MAX_LIMIT);
    }

    private static long number(String text, String parameter, long min, long max) {
        String range = max == Long.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new DomainException.Invalid(parameter, "must be a whole number " + range + ", was '" + text + "'");
        }
        if (value < min || value > max) {
            throw new DomainException.Invalid(parameter, "must be " + range + ", was " + value);
        }
        return value;
    }
}
