package dev.ledger.query.snapshot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Replaces Boot's JDBC transaction manager with the one that starts snapshot reads cheaply. */
@Configuration(proxyBeanMethods = false)
class SnapshotReadConfiguration {

    @Bean
    SnapshotReadTransactionManager transactionManager(DataSource dataSource,
                                                      ObjectProvider<TransactionManagerCustomizers> customizers) {
        SnapshotReadTransactionManager manager = new SnapshotReadTransactionManager(dataSource);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }
}
