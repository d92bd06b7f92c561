package dev.ledger.web.health;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * How both services rank health statuses and which HTTP status each answers with (health-status.properties
 * beside this class). Kept in one place because naming any {@code http-mapping} replaces Spring Boot's
 * defaults: a service that mapped only DEGRADED answered 200 while DOWN. A {@code @PropertySource} ranks below
 * application.yaml, so a service could still override a single entry there.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:dev/ledger/web/health/health-status.properties")
public class HealthStatusConfiguration {
}
