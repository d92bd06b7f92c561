package dev.ledger.query.participant;

import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

    @Operation(operationId = "getBeliefsAcrossDebates", summary = "A participant's current beliefs across every debate they joined, grouped by debate with its title")
    @Refuses(status = 404, field = "participantId", when = "the participant never joined any debate known to the read model")
    @GetMapping(path = "/participants/{participantId}/beliefs", produces = MediaType.APPLICATION_JSON_VALUE)
    ParticipantBeliefsView beliefs(@PathVariable("participantId") String participantId) {
        return queries.beliefs(RequestParams.participantId("participantId", participantId));
    }
}
