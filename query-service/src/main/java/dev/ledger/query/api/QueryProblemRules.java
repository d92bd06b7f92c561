package dev.ledger.query.api;

import dev.ledger.web.apidoc.ProblemAnswer;
import dev.ledger.web.apidoc.ProblemRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

/** The error answers the API description adds to every query-service operation of their shape. */
@Configuration(proxyBeanMethods = false)
class QueryProblemRules {

    private static final String DEBATE_PATH = "/debates/{debateId}";
    private static final String ADMIN_PATH = "/admin/";

    @Bean
    ProblemRule queryServiceProblems() {
        return operation -> {
            List<ProblemAnswer> answers = new ArrayList<>();
            if (operation.path().startsWith(DEBATE_PATH)) {
                answers.add(new ProblemAnswer(404, "no debate with this id is known to the read model (if you just opened it, "
                        + "pass ?minSequence= to wait for it); with ?minSequence= or ?atSequence=, no debate with this id "
                        + "exists at all. A private debate answers exactly so to anyone but its participants, the handles "
                        + "invited to it and admins, before any other parameter is checked", "debateId"));
            }
            if (operation.hasParameter("asOf")) {
                answers.add(new ProblemAnswer(404, "asOf is before the debate opened", "asOf"));
            }
            // ReadYourWrites: a bounded wait for the projection, then 503 with Retry-After
            for (String field : List.of("minSequence", "atSequence")) {
                if (operation.hasParameter(field)) {
                    answers.add(new ProblemAnswer(503, "the debate's projection did not reach " + field + " in time (a debate "
                            + "the event store knows but the read model does not yet is waited for too); retry after the "
                            + "Retry-After delay", field));
                    answers.add(new ProblemAnswer(503, "busy", "too many requests already wait for projections "
                            + "(LEDGER_MAX_WAITING_READS) to wait for " + field + " too; retry after the Retry-After delay", field));
                }
            }
            if (!operation.path().startsWith(ADMIN_PATH)) {
                answers.add(new ProblemAnswer(503, "timeout", "a statement of the query ran longer than the statement "
                        + "timeout (LEDGER_QUERY_STATEMENT_TIMEOUT) and was cancelled; retry after the Retry-After delay", null));
            }
            return answers;
        };
    }
}
