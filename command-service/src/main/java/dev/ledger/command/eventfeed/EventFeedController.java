package dev.ledger.command.eventfeed;

import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event store as a source for the query side (the service token or an admin account): which debates exist and up to
 * which sequence, and each debate's events in the Kafka envelope JSON.
 */
@RestController
@Tag(name = "Event store feed", description = "The event store read directly (service token or admin account): what the query-service repairs "
        + "gaps and rebuilds its read model from.")
public class EventFeedController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    private static final String LIMIT_DOC = "How many at most: 1 to " + MAX_LIMIT + ", default " + DEFAULT_LIMIT;

    private final EventFeed feed;

    public EventFeedController(EventFeed feed) {
        this.feed = feed;
    }

    @Operation(operationId = "listStoredDebates", summary = "List debates in the event store with their last sequence (admin)",
            description = "Ordered by debateId; pass the answer's 'next' as 'after' for the following page (null when done).")
    @GetMapping(path = "/admin/event-store/debates", produces = MediaType.APPLICATION_JSON_VALUE)
    public EventFeed.DebatesPage debates(@Parameter(description = "Only debates whose id sorts after this one (a page's next)")
                                         @RequestParam(required = false) String after,
                                         @Parameter(description = LIMIT_DOC) @RequestParam(required = false) String limit) {
        String afterDebate = after == null || after.isEmpty() ? null : RequestParams.uuid("after", after);
        return feed.debates(afterDebate, limitOf(limit));
    }

    @Operation(operationId = "listStoredEvents", summary = "A debate's stored events as Kafka envelopes (admin)",
            description = "Events with sequence >= fromSequence, in order, payloads upcast to the current version. Unknown debate: 404.")
    @Refuses(status = 404, field = "debateId", when = "the event store holds no debate with this id")
    @GetMapping(path = "/admin/event-store/debates/{debateId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public EventFeed.DebateEvents events(@PathVariable String debateId,
                                         @Parameter(description = "The first sequence to return (1 or more, default 1)")
                                         @RequestParam(required = false) String fromSequence,
                                         @Parameter(description = LIMIT_DOC) @RequestParam(required = false) String limit) {
        String debate = RequestParams.uuid("debateId", debateId);
        long from = fromSequence == null ? 1 : RequestParams.wholeNumber("fromSequence", fromSequence, 1);
        return feed.events(debate, from, limitOf(limit))
                .orElseThrow(() -> new NotFoundException("debateId", "debate " + debate + " does not exist"));
    }

    private static int limitOf(String limit) {
        return limit == null ? DEFAULT_LIMIT : (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT);
    }
}
