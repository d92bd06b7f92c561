package dev.ledger.command.history;

import dev.ledger.web.security.CallerDecidedPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    /**
     * The history endpoints are open to every caller, anonymous and the service token included (the command API
     * otherwise requires an account): HistoryAccess decides per debate, as the query side decides reads.
     */
    @Bean
    CallerDecidedPaths historyPaths() {
        return new CallerDecidedPaths(List.of("/.well-known/ledger-verifier-key", "/debates/*/checkpoint",
                "/debates/*/proof/*", "/debates/*/export", "/debates/import"));
    }
}
