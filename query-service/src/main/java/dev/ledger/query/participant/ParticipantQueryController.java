package dev.ledger.query.participant;

import dev.ledger.web.security.Reader;
import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.request.PageParameters;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Queries across debates. No {@code ?minSequence=}: sequences are per debate, so to read your own write wait on
 * that debate's own query first.
 */
@RestController
@Tag(name = "Participants", description = "A participant across every debate they joined")
class ParticipantQueryController {

    private final ParticipantQueries queries;

    ParticipantQueryController(ParticipantQueries queries) {
        this.queries = queries;
    }

    @Operation(operationId = "getBeliefsAcrossDebates", summary = "A participant's current beliefs across every debate they joined that the caller may read, grouped by debate with its title",
            description = "Lists only debates the caller may read (public ones, and private ones the caller joined or was invited to; "
                    + "all of them for an admin). Paged by debate: at most ?limit= debates after the first ?after=; pass the answer's nextAfter as "
                    + "?after= for the next page (null on the last).")
    @Refuses(status = 404, field = "participantId", when = "the participant never joined any debate known to the read model that the caller may read")
    @GetMapping(path = "/participants/{participantId}/beliefs", produces = MediaType.APPLICATION_JSON_VALUE)
    ParticipantBeliefsView beliefs(@PathVariable("participantId") String participantId,
                                   @ParameterObject PageParameters paging) {
        String participant = RequestParams.participantId("participantId", participantId);
        return queries.beliefs(participant, Reader.current(), paging.page());
    }
}
