package dev.ledger.command.api;

import dev.ledger.command.idempotency.IdempotencyKey;
import dev.ledger.command.problem.BodySizeLimitFilter;
import dev.ledger.command.problem.ProblemAdvice;
import dev.ledger.web.apidoc.ApiOperation;
import dev.ledger.web.apidoc.ProblemAnswer;
import dev.ledger.web.apidoc.ProblemRule;
import io.swagger.v3.oas.models.PathItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

/** The error answers the API description adds to every command-service operation of their shape. */
@Configuration(proxyBeanMethods = false)
class CommandProblemRules {

    private static final String DEBATE_PATH = "/debates/{debateId}/";

    @Bean
    ProblemRule commandServiceProblems() {
        return operation -> {
            List<ProblemAnswer> answers = new ArrayList<>();
            if (operation.hasBody()) {
                answers.add(new ProblemAnswer(413, "the body is larger than 1 MB (" + BodySizeLimitFilter.LIMIT + " bytes)", "body"));
            }
            if (operation.hasParameter(IdempotencyKey.HEADER)) {
                answers.add(new ProblemAnswer(422, "the Idempotency-Key was already used for a different request (method, path "
                        + "or body)", IdempotencyKey.HEADER));
            }
            if (isCommandOnADebate(operation)) {
                // DebateCommandSender and CommandExecution: every command loads the debate and retries concurrent changes
                answers.add(new ProblemAnswer(404, "the debate does not exist", "debateId"));
                answers.add(new ProblemAnswer(409, "the debate changed concurrently on every attempt while the command ran; "
                        + "send it again", "debateId"));
                answers.add(new ProblemAnswer(503, "busy", "the debate " + ProblemAdvice.BUSY_REASON, "debateId"));
            }
            answers.add(new ProblemAnswer(503, "unavailable", "the event store database cannot be reached, so nothing was "
                    + "recorded; send the same request again after the Retry-After delay", null));
            return answers;
        };
    }

    private static boolean isCommandOnADebate(ApiOperation operation) {
        return operation.path().startsWith(DEBATE_PATH)
                && (operation.method() == PathItem.HttpMethod.POST || operation.method() == PathItem.HttpMethod.PUT
                || operation.method() == PathItem.HttpMethod.DELETE);
    }
}
