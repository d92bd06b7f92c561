package dev.ledger.query;

import dev.ledger.web.LedgerWebConfiguration;
import dev.ledger.web.security.ApiAccess;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(LedgerWebConfiguration.class)
public class QueryServiceApplication {

    /** Reads need no account: the controllers decide what each caller may see. */
    @Bean
    ApiAccess apiAccess() {
        return ApiAccess.ANONYMOUS_ALLOWED;
    }

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
