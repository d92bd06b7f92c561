package dev.ledger.command;

import dev.ledger.command.debate.DebateLimits;
import dev.ledger.web.LedgerWebConfiguration;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

// No outbound calls of our own: Axon's update checker would call AxonIQ's servers a few seconds after start.
// It reads only -Daxoniq.update-checker.disabled / AXONIQ_UPDATE_CHECKER_DISABLED, never Spring properties,
// so it is left out of the context instead.
@SpringBootApplication(exclude = UpdateCheckerAutoConfiguration.class)
@Import(LedgerWebConfiguration.class)
@EnableConfigurationProperties(DebateLimits.class)
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
