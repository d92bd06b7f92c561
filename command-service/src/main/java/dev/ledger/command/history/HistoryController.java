package dev.ledger.command.history;

import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.problem.InvalidRequestException;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each debate's verifiable history: its signed checkpoint (a C2SP signed note of its Merkle tree head) and RFC 9162
 * inclusion and consistency proofs, readable by whoever may read the debate; the ledger's verifier key, public.
 */
@RestController
@Tag(name = "Verifiable history", description = "Signed tree heads (checkpoints) and Merkle proofs of each debate's event log: "
        + "anyone who may read a debate can check that its history only ever grew. The format: docs/verifiable-history.md.")
public class HistoryController {

    static final String UNREADABLE = "the debate does not exist, or is private and the caller is not its participant, "
            + "invited, an admin account or the service token (the same answer either way)";

    private final HistoryAccess access;
    private final DebateHistory history;
    private final LedgerSigner signer;

    HistoryController(HistoryAccess access, DebateHistory history, LedgerSigner signer) {
        this.access = access;
        this.history = history;
        this.signer = signer;
    }

    @Operation(operationId = "getVerifierKey", summary = "The ledger's checkpoint verifier key (public)",
            description = "The note verifier key line (name+keyid+base64 Ed25519 public key) that every checkpoint this "
                    + "ledger signs is checked against.")
    @ApiResponse(responseCode = "200", description = "The verifier key line",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @GetMapping(path = "/.well-known/ledger-verifier-key")
    public ResponseEntity<String> verifierKey() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(signer.verifierKey().format() + "\n");
    }

    @Operation(operationId = "getCheckpoint", summary = "A debate's signed checkpoint",
            description = "The C2SP tlog-checkpoint of the debate's current Merkle tree head, signed by the ledger's key: "
                    + "origin (<ledger name>/debates/<debateId>), tree size (events), base64 root hash, signature line.")
    @Refuses(status = 404, field = "debateId", when = UNREADABLE)
    @ApiResponse(responseCode = "200", description = "The signed note",
            content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
    @GetMapping(path = "/debates/{debateId}/checkpoint")
    public ResponseEntity<String> checkpoint(@PathVariable String debateId, Authentication authentication) {
        String debate = readable(debateId, authentication);
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(signer.signedCheckpoint(history.head(debate)));
    }

    @Operation(operationId = "getInclusionProof", summary = "Proof that an event is in a debate's log",
            description = "The RFC 9162 audit path of event `sequence` (leaf index sequence - 1) in the tree of the debate's "
                    + "first `treeSize` events (default: all), with the leaf hash and the root it leads to; hashes in hex.")
    @Refuses(status = 400, field = "treeSize", when = "treeSize is more than the debate's events")
    @Refuses(status = 400, field = "sequence", when = "sequence is more than treeSize")
    @Refuses(status = 404, field = "debateId", when = UNREADABLE)
    @GetMapping(path = "/debates/{debateId}/proof/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    public DebateHistory.InclusionProof inclusion(
            @PathVariable String debateId,
            @Parameter(description = "The event's sequence (1 or more)") @RequestParam(required = false) String sequence,
            @Parameter(description = "The tree size the proof is for (1 to the debate's events; default all)")
            @RequestParam(required = false) String treeSize,
            Authentication authentication) {
        String debate = readable(debateId, authentication);
        long event = RequestParams.wholeNumber("sequence", required("sequence", sequence), 1);
        Long size = treeSize == null ? null : RequestParams.wholeNumber("treeSize", treeSize, 1);
        return history.inclusion(debate, event, size);
    }

    @Operation(operationId = "getConsistencyProof", summary = "Proof that a debate's log only grew",
            description = "The RFC 9162 consistency proof that the tree of the first `from` events is a prefix of the tree "
                    + "of the first `to` (default: all), with both roots; hashes in hex.")
    @Refuses(status = 400, field = "to", when = "to is more than the debate's events")
    @Refuses(status = 400, field = "from", when = "from is more than to")
    @Refuses(status = 404, field = "debateId", when = UNREADABLE)
    @GetMapping(path = "/debates/{debateId}/proof/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    public DebateHistory.ConsistencyProof consistency(
            @PathVariable String debateId,
            @Parameter(description = "The older tree size (1 or more)") @RequestParam(required = false) String from,
            @Parameter(description = "The newer tree size (from to the debate's events; default all)")
            @RequestParam(required = false) String to,
            Authentication authentication) {
        String debate = readable(debateId, authentication);
        long fromSize = RequestParams.wholeNumber("from", required("from", from), 1);
        Long toSize = to == null ? null : RequestParams.wholeNumber("to", to, 1);
        return history.consistency(debate, fromSize, toSize);
    }

    private String readable(String debateId, Authentication authentication) {
        String debate = RequestParams.uuid("debateId", debateId);
        access.requireRead(debate, Asker.of(authentication));
        return debate;
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(name, "is required");
        }
        return value;
    }
}
