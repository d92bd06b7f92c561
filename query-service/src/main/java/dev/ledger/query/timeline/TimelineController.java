package dev.ledger.query.timeline;

import dev.ledger.events.EventType;
import dev.ledger.query.api.ReadYourWrites;
import dev.ledger.web.problem.InvalidRequestException;
import dev.ledger.web.request.PageParameters;
import dev.ledger.web.request.PageRequest;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Every applied event of a debate, in order, a page at a time. */
@RestController
@Tag(name = "Timeline", description = "Every applied event of a debate in order, each with a summary a person can read")
class TimelineController {

    private final TimelineQueries queries;
    private final ReadYourWrites readYourWrites;

    TimelineController(TimelineQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @Operation(operationId = "getTimeline", summary = "A debate's timeline: every applied event in order, with a summary a person can read",
            description = "Paged by cursor: pass the answer's nextAfter as ?after= for the next page (null on the last page). "
                    + "Filters combine: participant (the actor), claim, type (an event wire name).")
    @GetMapping(path = "/debates/{debateId}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    TimelineView timeline(@PathVariable("debateId") String debateId,
                          @ParameterObject PageParameters paging,
                          @Parameter(description = "Only events this participant did")
                          @RequestParam(name = "participant", required = false) String participant,
                          @Parameter(description = "Only events about this claim (acknowledgements count for their reason's claim)")
                          @RequestParam(name = "claim", required = false) String claim,
                          @Parameter(description = "Only events of this type: DebateOpened, ParticipantJoined, ClaimStated, ReasonProposed, ReasonAcknowledged, ViewUpdated")
                          @RequestParam(name = "type", required = false) String type,
                          @Parameter(description = ReadYourWrites.MIN_SEQUENCE_DOC)
                          @RequestParam(name = "minSequence", required = false) String minSequence) {
        String id = RequestParams.uuid("debateId", debateId);
        PageRequest page = paging.page();
        TimelineQueries.Filter filter = new TimelineQueries.Filter(
                participant == null ? null : RequestParams.participantId("participant", participant),
                claim == null ? null : nonBlank("claim", claim),
                type == null ? null : type(type));
        readYourWrites.awaitIfAsked(id, minSequence);
        return queries.page(id, page, filter);
    }

    private static String nonBlank(String field, String value) {
        if (value.isBlank() || value.length() > 200) {
            throw new InvalidRequestException(field, "must be 1 to 200 characters, not blank");
        }
        return value;
    }

    private static String type(String value) {
        return EventType.named(value).map(EventType::wireName).orElseThrow(() -> new InvalidRequestException("type",
                "must be one of " + Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "))));
    }
}
