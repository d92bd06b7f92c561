package dev.ledger.web.apidoc;

import dev.ledger.web.security.ApiAccess;
import dev.ledger.web.security.CallerDecidedPaths;
import dev.ledger.web.security.SecurityConfiguration;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What both services' OpenAPI documents (springdoc, /v3/api-docs) say beyond the controllers' own
 * annotations: the version of the build, every error answer as problem+json with an example (those an
 * endpoint declares with {@link Refuses}, those every operation of its shape gives, and each service's
 * {@link ProblemRule}s), who may call each operation (the bearer scheme, and the 401 and 403 answers), and an
 * example for every request body.
 * Title, description and server come from each service's {@code springdoc.open-api} settings.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final String BEARER_SCHEME = "bearerToken";
    /** Hands an endpoint's @Refuses from the operation customizer (which sees the method) to the document's. */
    private static final String DECLARED = "x-ledger-refuses";
    private static final PathPattern ADMIN_PATHS = PathPatternParser.defaultInstance.parse(SecurityConfiguration.ADMIN_PATH_PATTERN);

    @Bean
    OperationCustomizer declaredRefusals() {
        return (operation, handlerMethod) -> {
            List<ProblemAnswer> declared = AnnotatedElementUtils.findMergedRepeatableAnnotations(handlerMethod.getMethod(), Refuses.class)
                    .stream().map(ProblemAnswer::of).toList();
            if (!declared.isEmpty()) {
                operation.addExtension(DECLARED, declared);
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer ledgerApiDescription(ObjectProvider<BuildProperties> build, List<ProblemRule> rules, ApiAccess access,
                                           ObjectProvider<CallerDecidedPaths> callerDecided) {
        List<PathPattern> openToAll = callerDecided.stream().flatMap(paths -> paths.patterns().stream())
                .map(PathPatternParser.defaultInstance::parse).toList();
        return openApi -> {
            openApi.getInfo().setVersion(version(build.getIfAvailable()));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            ModelConverters.getInstance(openApi.getSpecVersion() == SpecVersion.V31).readAll(ProblemSchema.class)
                    .forEach(components::addSchemas);
            if (openApi.getPaths() != null) {
                for (var path : openApi.getPaths().entrySet()) {
                    for (var method : path.getValue().readOperationsMap().entrySet()) {
                        ApiOperation operation = new ApiOperation(path.getKey(), method.getKey(), method.getValue());
                        describe(operation, rules, components, access, openToAll);
                    }
                }
            }
            components.addSecuritySchemes(BEARER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("An account token (ldg_..., from ./ledger token HANDLE or POST /admin/accounts/{handle}/tokens), "
                            + "a JWT of the OIDC issuer when LEDGER_OIDC_ISSUER is set, or, for /admin/**, the service token "
                            + "(LEDGER_SERVICE_TOKEN)."));
        };
    }

    /** Who may call an operation. */
    private enum Access { ADMIN, ACCOUNT, ANYONE }

    private static void describe(ApiOperation operation, List<ProblemRule> rules, Components components, ApiAccess apiAccess,
                                 List<PathPattern> openToAll) {
        Operation described = operation.operation();
        PathContainer path = PathContainer.parsePath(operation.path());
        Access access = ADMIN_PATHS.matches(path) ? Access.ADMIN
                : apiAccess == ApiAccess.ACCOUNT_REQUIRED && openToAll.stream().noneMatch(open -> open.matches(path))
                ? Access.ACCOUNT : Access.ANYONE;
        List<ProblemAnswer> answers = new ArrayList<>(declared(described));
        answers.addAll(common(operation, access));
        rules.forEach(rule -> answers.addAll(rule.answers(operation)));
        answers.forEach(answer -> ProblemResponses.add(operation, answer));
        sortByStatus(described);
        SecurityRequirement bearer = new SecurityRequirement().addList(BEARER_SCHEME);
        // an operation anyone may call says so with an empty requirement beside the optional token
        described.setSecurity(access == Access.ANYONE ? List.of(new SecurityRequirement(), bearer) : List.of(bearer));
        if (operation.hasBody() && described.getRequestBody().getContent() != null) {
            described.getRequestBody().getContent().values().forEach(media -> exampleBody(media, components));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<ProblemAnswer> declared(Operation operation) {
        if (operation.getExtensions() == null || !operation.getExtensions().containsKey(DECLARED)) {
            return List.of();
        }
        List<ProblemAnswer> declared = (List<ProblemAnswer>) operation.getExtensions().remove(DECLARED);
        if (operation.getExtensions().isEmpty()) {
            operation.setExtensions(null);
        }
        return declared;
    }

    /** The answers every operation of this shape gives, whatever the service. */
    private static List<ProblemAnswer> common(ApiOperation operation, Access access) {
        List<ProblemAnswer> answers = new ArrayList<>();
        if (!operation.parameters().isEmpty() || operation.hasBody()) {
            answers.add(new ProblemAnswer(400, "a parameter or body field is malformed (errors names it and the rule it breaks)",
                    exampleField(operation)));
        }
        if (operation.hasBody()) {
            answers.add(new ProblemAnswer(415, "the body is not sent with Content-Type: application/json", null));
        }
        switch (access) {
            case ADMIN -> {
                answers.add(new ProblemAnswer(401, "no bearer token, or one that is not valid (unknown, revoked or expired)",
                        "Authorization"));
                answers.add(new ProblemAnswer(403, "the token is an account's that is not an admin", "Authorization"));
            }
            case ACCOUNT -> {
                answers.add(new ProblemAnswer(401, "no bearer token, or one that is not valid (unknown, revoked or expired)",
                        "Authorization"));
                answers.add(new ProblemAnswer(403, "the token is the service token, which does not act as a participant",
                        "Authorization"));
            }
            case ANYONE -> answers.add(new ProblemAnswer(401,
                    "a bearer token was sent but is not valid (unknown, revoked or expired); send none to call anonymously",
                    "Authorization"));
        }
        answers.add(new ProblemAnswer(500, "the service failed unexpectedly (a bug, logged with its stack trace); try again later",
                null));
        return answers;
    }

    /** The field a 400 example names: the first path variable, else the body, else the first parameter. */
    private static String exampleField(ApiOperation operation) {
        return operation.parameters().stream().filter(parameter -> "path".equals(parameter.getIn())).findFirst()
                .or(() -> operation.hasBody() ? Optional.empty() : operation.parameters().stream().findFirst())
                .map(Parameter::getName)
                .orElse("body");
    }

    private static void sortByStatus(Operation operation) {
        ApiResponses sorted = new ApiResponses();
        operation.getResponses().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        operation.setResponses(sorted);
    }

    /** An example request body from the examples of the body schema's properties (or their first allowed value, or items). */
    private static void exampleBody(MediaType media, Components components) {
        Schema<?> schema = resolved(media.getSchema(), components);
        if (media.getExample() != null || media.getExamples() != null || schema == null || schema.getProperties() == null) {
            return;
        }
        Map<String, Object> example = new LinkedHashMap<>();
        schema.getProperties().forEach((name, property) -> {
            Object value = exampleOf(resolved(property, components));
            if (value != null) {
                example.put(name, value);
            }
        });
        media.setExample(example);
    }

    private static Object exampleOf(Schema<?> property) {
        if (property == null) {
            return null;
        }
        if (property.getExample() != null) {
            return property.getExample();
        }
        if (property.getExamples() != null && !property.getExamples().isEmpty()) {
            return property.getExamples().get(0);
        }
        if (property.getEnum() != null && !property.getEnum().isEmpty()) {
            return property.getEnum().get(0);
        }
        Object item = property.getItems() == null ? null : exampleOf(property.getItems());
        return item == null ? null : List.of(item);
    }

    private static Schema<?> resolved(Schema<?> schema, Components components) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        return components.getSchemas() == null ? null : components.getSchemas().get(name);
    }

    /** The version the build stamped (Spring Boot's build-info, else the jar manifest). */
    private static String version(BuildProperties build) {
        if (build != null) {
            return build.getVersion();
        }
        String manifest = ApiDocumentation.class.getPackage().getImplementationVersion();
        return manifest == null ? "unknown (built without build-info)" : manifest;
    }
}
