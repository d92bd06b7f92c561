package dev.ledger.web.apidoc;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The problem+json body of every error answer (RFC 9457) as the API description shows it; Problems builds the real ones. */
@Schema(name = ProblemSchema.NAME, additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
        description = "An error answer (RFC 9457 problem details). Some problems carry extension members beside these,"
                + " such as existingReasonId for a duplicate reason, or minSequence and sequenceReached for a query whose"
                + " projection was not ready.")
record ProblemSchema(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri", example = "urn:ledger:problem:not-found",
                description = "urn:ledger:problem: followed by the kind of problem, e.g. validation, not-found, conflict")
        String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Not Found", description = "The status's reason phrase")
        String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "404", minimum = "400", maximum = "599",
                description = "The HTTP status")
        int status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "debateId: names no debate known to the read model",
                description = "What went wrong, and what to do about it")
        String detail,
        @Schema(format = "uri-reference", example = "/debates/3f2c1a9e-8b7d-4c6e-9f01-23456789abcd",
                description = "The path of the request")
        String instance,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The fields at fault, each with the rule it breaks; empty when no single field is")
        List<FieldErrorSchema> errors) {

    static final String NAME = "Problem";

    @Schema(name = "ProblemFieldError", description = "A field at fault: a path variable, query parameter, header or body field")
    record FieldErrorSchema(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "debateId") String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "names no debate known to the read model")
            String reason) {
    }
}
