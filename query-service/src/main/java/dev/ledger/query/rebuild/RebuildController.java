package dev.ledger.query.rebuild;

import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rebuild and checksum admin endpoints (service token or admin account, see shared-web's SecurityConfiguration). */
@RestController
@Tag(name = "Admin", description = "Rebuilding the read model from the topic or the event store, and checking it (service token or admin account)")
class RebuildController {

    private final RebuildService rebuild;
    private final ReadModelChecksum checksum;

    RebuildController(RebuildService rebuild, ReadModelChecksum checksum) {
        this.rebuild = rebuild;
        this.checksum = checksum;
    }

    @Operation(operationId = "startRebuild", summary = "Rebuild the read model beside the live one, then swap it in",
            description = "Answers at once with the rebuild's status; follow it with GET /admin/rebuild. Resumes an interrupted one.")
    @ApiResponse(responseCode = "202", description = "Started", useReturnTypeSchema = true)
    @Refuses(status = 409, when = "a rebuild is already running or swapping its tables in")
    @PostMapping("/admin/rebuild")
    ResponseEntity<RebuildStatus> start(@Parameter(description = "Where the events come from: auto, kafka or event-store")
                                        @RequestParam(defaultValue = "auto") String source) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.start(RebuildSource.parse(source)));
    }

    @Operation(operationId = "getRebuildStatus", summary = "The state and progress of the current or last rebuild")
    @GetMapping("/admin/rebuild")
    RebuildStatus status() {
        return rebuild.status();
    }

    @Operation(operationId = "interruptRebuild", summary = "Stop the running rebuild after its current batch",
            description = "Waits briefly for it to stop; POST /admin/rebuild resumes it.")
    @ApiResponse(responseCode = "202", description = "Interrupted", useReturnTypeSchema = true)
    @Refuses(status = 409, when = "no rebuild is running, or it is swapping its tables in and can no longer be interrupted")
    @DeleteMapping("/admin/rebuild")
    ResponseEntity<RebuildStatus> interrupt() throws InterruptedException {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.interrupt());
    }

    @Operation(operationId = "getReadModelChecksum", summary = "A checksum of every read model table, to compare two read models")
    @GetMapping("/admin/projection/checksum")
    ReadModelChecksum.Checksum checksum() {
        return checksum.of("public");
    }

    @Operation(operationId = "getDebateReadModelChecksum",
            summary = "The same checksum over one debate's rows only, to compare a debate held by two read models",
            description = "For instance a debate exported from one ledger and imported into another: each ledger's "
                    + "other debates do not count.")
    @Refuses(status = 404, field = "debateId", when = "no read model table holds a row of the debate")
    @GetMapping("/admin/projection/debates/{debateId}/checksum")
    ReadModelChecksum.Checksum debateChecksum(@Parameter(description = "The debate's id") @PathVariable("debateId") String debateId) {
        return checksum.ofDebate("public", debateId)
                .orElseThrow(() -> new NotFoundException("debateId", "names no debate in the read model"));
    }
}
