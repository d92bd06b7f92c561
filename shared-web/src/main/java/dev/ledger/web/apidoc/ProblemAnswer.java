package dev.ledger.web.apidoc;

import dev.ledger.web.problem.Problems;
import org.springframework.http.HttpStatusCode;

/**
 * One error answer of an operation: its status, the kind in its problem type (urn:ledger:problem:KIND),
 * when it is given, and the field its errors list names (null: none).
 */
public record ProblemAnswer(int status, String kind, String when, String field) {

    /** An answer whose kind is the one its status stands for. */
    public ProblemAnswer(int status, String when, String field) {
        this(status, Problems.kindOf(HttpStatusCode.valueOf(status)), when, field);
    }

    static ProblemAnswer of(Refuses refuses) {
        String field = refuses.field().isEmpty() ? null : refuses.field();
        return refuses.kind().isEmpty() ? new ProblemAnswer(refuses.status(), refuses.when(), field)
                : new ProblemAnswer(refuses.status(), refuses.kind(), refuses.when(), field);
    }
}
