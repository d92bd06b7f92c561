package dev.ledger.query.snapshot;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs every read-only transaction ({@link SnapshotRead}) as REPEATABLE READ with one statement inside the
 * transaction, sent together with its BEGIN. Asking for the isolation on the annotation instead makes Spring
 * and the driver read the connection's level, change the session's and change it back: three more round trips
 * to PostgreSQL per query, which were most of a short query's time. Write transactions keep the default
 * READ COMMITTED.
 * <p>
 * The same statement bounds every statement of the read ({@code SET LOCAL statement_timeout}, from
 * {@code ledger.query.statement-timeout}): a slow or blocked read is cancelled (answered 503) instead of holding a
 * connection and a request thread. The projection's and the rebuild's writes are not read-only and are not bounded.
 */
public class SnapshotReadTransactionManager extends JdbcTransactionManager {

    static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    private final String begin;

    /** {@code statementTimeout}: at most this per statement of a read; zero for no bound. */
    public SnapshotReadTransactionManager(DataSource dataSource, Duration statementTimeout) {
        super(dataSource);
        this.begin = statementTimeout.isZero() ? SNAPSHOT
                : SNAPSHOT + "; SET LOCAL statement_timeout = " + Math.max(1, statementTimeout.toMillis());
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        if (definition.isReadOnly()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(begin);
            }
        }
    }
}
