package dev.ledger.query.problem;

import dev.ledger.web.problem.Refusal;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * Scores or credit asked of a claim not resolved at the asked point (never resolved, not yet, or its resolution
 * annulled): 409 of type {@value #KIND}, naming claimId.
 */
public class ClaimNotResolvedException extends Refusal {

    public static final String KIND = "claim-not-resolved";

    public ClaimNotResolvedException(String claimId, long sequence) {
        super(HttpStatus.CONFLICT, KIND, "claimId", "is not resolved at sequence " + sequence
                + " (never resolved, not yet, or its resolution was annulled): scores and credit exist only for a resolved claim",
                Map.of("sequence", sequence));
    }
}
