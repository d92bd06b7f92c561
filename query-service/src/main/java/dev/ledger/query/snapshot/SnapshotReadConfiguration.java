package dev.ledger.query.snapshot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/** Replaces Boot's JDBC transaction manager with the one that starts snapshot reads cheaply. */
@Configuration(proxyBeanMethods = false)
class SnapshotReadConfiguration {

    @Bean
    SnapshotReadTransactionManager transactionManager(DataSource dataSource,
                                                      ObjectProvider<TransactionManagerCustomizers> customizers,
                                                      @Value("${ledger.query.statement-timeout:5s}") Duration statementTimeout) {
        SnapshotReadTransactionManager manager = new SnapshotReadTransactionManager(dataSource, statementTimeout);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }
}
