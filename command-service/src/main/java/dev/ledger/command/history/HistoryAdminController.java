package dev.ledger.command.history;

import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin check of the live event store against its recorded Merkle trees (service token or admin account). */
@RestController
@Tag(name = "Verifiable history")
public class HistoryAdminController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final HistoryCheck check;

    HistoryAdminController(HistoryCheck check) {
        this.check = check;
    }

    @Operation(operationId = "verifyStoredHistory", summary = "Check stored events against their recorded trees (admin)",
            description = "Recomputes every leaf of a debate from its stored rows and compares them with the leaf hashes "
                    + "recorded when the events were written and with the tree head; each result names the first event "
                    + "at fault and why. With debateId one debate, else a page of debates ordered by id (pass next as after).")
    @Refuses(status = 404, field = "debateId", when = "the event store holds no debate with this id")
    @PostMapping(path = "/admin/history/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    public HistoryCheck.ChecksPage verify(
            @Parameter(description = "The debate to check (all, page by page, when absent)") @RequestParam(required = false) String debateId,
            @Parameter(description = "Only debates whose id sorts after this one (a page's next)") @RequestParam(required = false) String after,
            @Parameter(description = "How many debates at most: 1 to " + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            @RequestParam(required = false) String limit) {
        if (debateId != null) {
            String debate = RequestParams.uuid("debateId", debateId);
            return new HistoryCheck.ChecksPage(java.util.List.of(check.check(debate)
                    .orElseThrow(() -> new NotFoundException("debateId", "debate " + debate + " does not exist"))), null);
        }
        String afterDebate = after == null || after.isEmpty() ? null : RequestParams.uuid("after", after);
        int max = limit == null ? DEFAULT_LIMIT : (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT);
        return check.checkAll(afterDebate, max);
    }
}
