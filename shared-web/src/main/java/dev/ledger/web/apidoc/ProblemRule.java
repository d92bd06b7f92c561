package dev.ledger.web.apidoc;

import java.util.List;

/**
 * Error answers a service gives for every operation of some shape (say, 503 on every command while its
 * database is down), added to the API description beside those each endpoint declares with {@link Refuses}.
 * A service declares its rules as beans.
 */
@FunctionalInterface
public interface ProblemRule {

    List<ProblemAnswer> answers(ApiOperation operation);
}
