package dev.ledger.query.snapshot;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs every read-only transaction ({@link SnapshotRead}) as REPEATABLE READ with one statement inside the
 * transaction, sent together with its BEGIN. Asking for the isolation on the annotation instead makes Spring
 * and the driver read the connection's level, change the session's and change it back: three more round trips
 * to PostgreSQL per query, which were most of a short query's time. Write transactions keep the default
 * READ COMMITTED.
 */
public class SnapshotReadTransactionManager extends JdbcTransactionManager {

    static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    public SnapshotReadTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        if (definition.isReadOnly()) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(SNAPSHOT);
            }
        }
    }
}
