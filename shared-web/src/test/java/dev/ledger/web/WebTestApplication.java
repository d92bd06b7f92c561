package dev.ledger.web;

import dev.ledger.web.apidoc.ProblemAnswer;
import dev.ledger.web.apidoc.ProblemRule;
import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.problem.ConflictException;
import dev.ledger.web.problem.InvalidRequestException;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.problem.ProblemHandler;
import dev.ledger.web.problem.Rejections;
import dev.ledger.web.request.RequestParams;
import dev.ledger.web.security.AccountTokens;
import dev.ledger.web.security.ApiAccess;
import dev.ledger.web.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/**
 * The smallest service that uses the shared web layer: an API anyone may call, one admin endpoint, and account
 * tokens kept in memory ({@link #ACCOUNTS}) in place of the command-service's tables.
 */
@SpringBootApplication
@Import(LedgerWebConfiguration.class)
public class WebTestApplication {

    /** Account tokens this service knows: a member, an admin; any other ldg_ token is unknown. */
    public static final Map<String, Caller> ACCOUNTS = Map.of(
            "ldg_alice-token", new Caller("alice", "Alice", false),
            "ldg_root-token", new Caller("root", "Root", true));

    @Bean
    ApiAccess apiAccess() {
        return ApiAccess.ANONYMOUS_ALLOWED;
    }

    @Bean
    OpaqueTokenIntrospector accounts() {
        return token -> {
            Caller caller = ACCOUNTS.get(token);
            if (caller == null) {
                throw new BadOpaqueTokenException("unknown token");
            }
            return new DefaultOAuth2AuthenticatedPrincipal(Map.of(AccountTokens.HANDLE_CLAIM, caller.handle(),
                    AccountTokens.NAME_CLAIM, caller.displayName(), AccountTokens.ADMIN_CLAIM, caller.admin()), List.of());
        };
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** Every POST may find the service busy: a service-wide answer the API description adds to each. */
    @Bean
    ProblemRule busyOnPost() {
        return operation -> operation.method().name().equals("POST")
                ? List.of(new ProblemAnswer(503, "busy", "the service is busy", null))
                : List.of();
    }

    @RestControllerAdvice
    static class TestProblemHandler extends ProblemHandler {
        TestProblemHandler(Rejections rejections) {
            super(rejections, "The test service failed unexpectedly.");
        }
    }

    record Greeting(@Schema(example = "Ada") String name, @Schema(example = "2") int times) {
    }

    @RestController
    static class Api {

        @Refuses(status = 404, field = "id", when = "no thing has this id")
        @GetMapping("/things/{id}")
        Map<String, Object> thing(@PathVariable String id, @RequestParam(required = false) String limit) {
            String uuid = RequestParams.uuid("id", id);
            long max = limit == null ? 10 : RequestParams.wholeNumber("limit", limit, 1, 100);
            if (uuid.startsWith("0")) {
                throw new NotFoundException("id", "thing " + uuid + " does not exist");
            }
            return Map.of("id", uuid, "limit", max);
        }

        @GetMapping("/participants/{participantId}")
        Map<String, Object> participant(@PathVariable String participantId) {
            return Map.of("participantId", RequestParams.participantId("participantId", participantId));
        }

        @PostMapping("/greetings")
        Map<String, Object> greet(@RequestBody Greeting greeting) {
            if (greeting.name() == null) {
                throw new InvalidRequestException("name", "is required");
            }
            return Map.of("greeting", ("hello " + greeting.name() + " ").repeat(greeting.times()).strip());
        }

        @PostMapping("/busy")
        void busy() {
            throw new ConflictException("something is already running");
        }

        @GetMapping("/broken")
        void broken() {
            throw new IllegalStateException("a bug");
        }

        /** Who the request acts as: the caller, or anonymous (the service token is no caller either). */
        @GetMapping("/me")
        Map<String, Object> me(@AuthenticationPrincipal Caller caller) {
            return caller == null ? Map.of("anonymous", true)
                    : Map.of("handle", caller.handle(), "displayName", caller.displayName(), "admin", caller.admin());
        }

        @GetMapping("/admin/status")
        Map<String, Object> adminStatus() {
            return Map.of("status", "ok");
        }
    }
}
