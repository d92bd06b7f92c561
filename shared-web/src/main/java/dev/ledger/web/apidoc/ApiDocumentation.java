package dev.ledger.web.apidoc;

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
 * {@link ProblemRule}s), the admin bearer scheme on /admin/**, and an example for every request body.
 * Title, description and server come from each service's {@code springdoc.open-api} settings.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final String ADMIN_SCHEME = "adminToken";
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
    OpenApiCustomizer ledgerApiDescription(ObjectProvider<BuildProperties> build, List<ProblemRule> rules) {
        return openApi -> {
            openApi.getInfo().setVersion(version(build.getIfAvailable()));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            ModelConverters.getInstance(openApi.getSpecVersion() == SpecVersion.V31).readAll(ProblemSchema.class)
                    .forEach(components::addSchemas);
            boolean anyAdmin = false;
            if (openApi.getPaths() != null) {
                for (var path : openApi.getPaths().entrySet()) {
                    for (var method : path.getValue().readOperationsMap().entrySet()) {
                        ApiOperation operation = new ApiOperation(path.getKey(), method.getKey(), method.getValue());
                        anyAdmin |= describe(operation, rules, components);
                    }
                }
            }
            if (anyAdmin) {
                components.addSecuritySchemes(ADMIN_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The service's admin token, LEDGER_ADMIN_TOKEN (./ledger keeps it in $LEDGER_DATA/admin-token)."));
            }
        };
    }

    /** Documents one operation; true if it is an admin operation. */
    private static boolean describe(ApiOperation operation, List<ProblemRule> rules, Components components) {
        Operation described = operation.operation();
        boolean admin = ADMIN_PATHS.matches(PathContainer.parsePath(operation.path()));
        List<ProblemAnswer> answers = new ArrayList<>(declared(described));
        answers.addAll(common(operation, admin));
        rules.forEach(rule -> answers.addAll(rule.answers(operation)));
        answers.forEach(answer -> ProblemResponses.add(operation, answer));
        sortByStatus(described);
        // Open operations say so (an empty requirement list), admin ones name the bearer scheme.
        described.setSecurity(admin ? List.of(new SecurityRequirement().addList(ADMIN_SCHEME)) : new ArrayList<>());
        if (operation.hasBody() && described.getRequestBody().getContent() != null) {
            described.getRequestBody().getContent().values().forEach(media -> exampleBody(media, components));
        }
        return admin;
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
    private static List<ProblemAnswer> common(ApiOperation operation, boolean admin) {
        List<ProblemAnswer> answers = new ArrayList<>();
        if (!operation.parameters().isEmpty() || operation.hasBody()) {
            answers.add(new ProblemAnswer(400, "a parameter or body field is malformed (errors names it and the rule it breaks)",
                    exampleField(operation)));
        }
        if (operation.hasBody()) {
            answers.add(new ProblemAnswer(415, "the body is not sent with Content-Type: application/json", null));
        }
        if (admin) {
            answers.add(new ProblemAnswer(401, "the Authorization header does not carry the service's admin bearer token",
                    "Authorization"));
            answers.add(new ProblemAnswer(403, "admin-disabled",
                    "the service runs without LEDGER_ADMIN_TOKEN, so its admin endpoints are disabled", "Authorization"));
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
