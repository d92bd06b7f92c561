package dev.ledger.command.history;

import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.problem.InvalidRequestException;
import dev.ledger.web.request.RequestParams;
import dev.ledger.web.security.Reader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.ledger.events.history.Bundle;
import dev.ledger.events.history.HistoryFormatException;
import dev.ledger.web.problem.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Each debate's verifiable history: its signed checkpoint (a C2SP signed note of its Merkle tree head) and RFC 9162
 * inclusion and consistency proofs, readable by whoever may read the debate; the ledger's verifier key, public.
 */
@RestController
@Tag(name = "Verifiable history", description = "Signed tree heads (checkpoints) and Merkle proofs of each debate's event log: "
        + "anyone who may read a debate can check that its history only ever grew. The format: docs/verifiable-history.md.")
public class HistoryController {

    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    static final String UNREADABLE = "the debate does not exist, or is private and the caller is not its participant, "
            + "invited, an admin account or the service token (the same answer either way)";

    private final HistoryAccess access;
    private final DebateHistory history;
    private final LedgerSigner signer;
    private final BundleImport bundleImport;
    private final long importMaxBytes;

    HistoryController(HistoryAccess access, DebateHistory history, LedgerSigner signer, BundleImport bundleImport,
                      @Value("${ledger.history.import-max-bytes:67108864}") long importMaxBytes) {
        this.access = access;
        this.history = history;
        this.signer = signer;
        this.bundleImport = bundleImport;
        this.importMaxBytes = importMaxBytes;
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

    @Operation(operationId = "exportDebate", summary = "Export a debate's verifiable history (owner or admin)",
            description = "A zip of manifest.json, events.jsonl (each event's canonical envelope as hashed, one per line), "
                    + "checkpoint (the signed note over those events) and verifier-key. `./ledger verify` checks it without "
                    + "the service; POST /debates/import recreates the debate in another ledger.")
    @Refuses(status = 403, field = "debateId", when = "the caller may read the debate but is neither its owner nor an admin "
            + "account nor the service token")
    @Refuses(status = 404, field = "debateId", when = UNREADABLE)
    @ApiResponse(responseCode = "200", description = "The bundle",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/debates/{debateId}/export")
    public ResponseEntity<byte[]> export(@PathVariable String debateId, Authentication authentication) {
        String debate = RequestParams.uuid("debateId", debateId);
        access.requireExport(debate, Reader.of(authentication));
        return ResponseEntity.ok().contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"debate-" + debate + ".zip\"")
                .body(history.export(debate).toZip());
    }

    @Operation(operationId = "importDebate", summary = "Import a debate from another ledger's export (admin)",
            description = "Verifies the bundle completely (every event, the root, the checkpoint's signature with the key "
                    + "the bundle carries: the answer names it as signedBy), then recreates the debate with the same event "
                    + "ids, sequences and times. A debate that exists here must hold exactly the bundle's first events: the "
                    + "rest is appended (the same bundle again appends nothing). 201 when the debate was created, else 200.")
    @Refuses(status = 401, field = "Authorization", when = "no bearer token")
    @Refuses(status = 403, field = "Authorization", when = "the caller is not an admin account or the service token")
    @Refuses(status = 409, field = "debateId", when = "the debate exists here with events the bundle does not start with")
    @Refuses(status = 413, field = "body", when = "the bundle is larger than ledger.history.import-max-bytes")
    @Refuses(status = 422, field = "body", when = "the bundle does not verify or cannot be read (sequence and eventId name "
            + "the first event at fault when there is one)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The bundle zip, as GET /debates/{debateId}/export gives it",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    @PostMapping(path = "/debates/import", consumes = "application/zip", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<BundleImport.Imported> importBundle(HttpServletRequest request, Authentication authentication)
            throws IOException {
        Reader reader = Reader.of(authentication);
        if (reader.handle() == null && !reader.admin()) {
            throw HistoryRefusal.unauthenticated("importing a debate needs an admin account's token or the service token");
        }
        if (!reader.admin()) {
            throw new ForbiddenException("Authorization", "only an admin account or the service token may import a debate");
        }
        Bundle bundle;
        try {
            bundle = Bundle.readZip(new ByteArrayInputStream(boundedBody(request)));
        } catch (HistoryFormatException e) {
            throw HistoryRefusal.badBundle("unusable bundle: " + e.getMessage(), null, null);
        }
        BundleImport.Imported imported = bundleImport.importBundle(bundle);
        return ResponseEntity.status(imported.created() ? HttpStatus.CREATED : HttpStatus.OK).body(imported);
    }

    private byte[] boundedBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > importMaxBytes) {
            throw HistoryRefusal.tooLarge(importMaxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, importMaxBytes + 1));
            if (body.length > importMaxBytes) {
                throw HistoryRefusal.tooLarge(importMaxBytes);
            }
            return body;
        }
    }

    private String readable(String debateId, Authentication authentication) {
        String debate = RequestParams.uuid("debateId", debateId);
        access.requireRead(debate, Reader.of(authentication));
        return debate;
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(name, "is required");
        }
        return value;
    }
}
