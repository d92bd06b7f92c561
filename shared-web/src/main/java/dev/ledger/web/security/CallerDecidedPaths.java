package dev.ledger.web.security;

import java.util.List;

/**
 * Paths of a service whose API otherwise requires an account ({@link ApiAccess#ACCOUNT_REQUIRED}) that every caller
 * reaches, anonymous and the service token included: their controllers decide who may read what (for instance a
 * public debate's proofs). A service declares at most one as a bean; patterns as Spring's PathPattern.
 */
public record CallerDecidedPaths(List<String> patterns) {

    public CallerDecidedPaths {
        patterns = List.copyOf(patterns);
    }
}
