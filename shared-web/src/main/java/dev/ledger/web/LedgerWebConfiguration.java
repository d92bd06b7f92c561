package dev.ledger.web;

import dev.ledger.web.apidoc.ApiDocumentation;
import dev.ledger.web.health.HealthStatusConfiguration;
import dev.ledger.web.problem.ContainerErrorConfiguration;
import dev.ledger.web.problem.ProblemWriter;
import dev.ledger.web.problem.Rejections;
import dev.ledger.web.security.SecurityConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP edge both services share; each application imports it. Every error, including those Tomcat and
 * the security filters answer before Spring MVC, is problem+json; bearer tokens (the service token, account
 * tokens, OIDC JWTs) decide who calls, see SecurityConfiguration;
 * health answers 503 when DOWN or OUT_OF_SERVICE; the OpenAPI document describes every error answer.
 */
@Configuration(proxyBeanMethods = false)
@Import({ContainerErrorConfiguration.class, SecurityConfiguration.class, HealthStatusConfiguration.class, ApiDocumentation.class})
public class LedgerWebConfiguration {

    @Bean
    Rejections rejections(MeterRegistry meters) {
        return new Rejections(meters);
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }
}
