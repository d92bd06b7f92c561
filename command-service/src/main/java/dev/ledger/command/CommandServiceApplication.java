package dev.ledger.command;

import dev.ledger.command.debate.DebateLimits;
import dev.ledger.web.LedgerWebConfiguration;
import dev.ledger.web.security.ApiAccess;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

// No outbound calls of our own: Axon's update checker would call AxonIQ's servers a few seconds after start.
// It reads only -Daxoniq.update-checker.disabled / AXONIQ_UPDATE_CHECKER_DISABLED, never Spring properties,
// so it is left out of the context instead.
@SpringBootApplication(exclude = UpdateCheckerAutoConfiguration.class)
@Import(LedgerWebConfiguration.class)
@EnableConfigurationProperties(DebateLimits.class)
public class CommandServiceApplication {

    /** Every command acts as an account (see ActingParticipant). */
    @Bean
    ApiAccess apiAccess() {
        return ApiAccess.ACCOUNT_REQUIRED;
    }

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
