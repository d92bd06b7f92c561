package dev.ledger.command.problem;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database cannot be reached" (503) rather than a bug (500). */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAreRecognisedThroughWrappers() {
        var noConnection = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 2000ms"));
        assertThat(DatabaseUnavailable.causeIn(noConnection)).isSameAs(noConnection);
        var wrappedByAxon = new CommandExecutionException("failed", new EventStoreException("An event could not be stored", noConnection));
        assertThat(DatabaseUnavailable.causeIn(wrappedByAxon)).isSameAs(noConnection);
        var noTransaction = new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        assertThat(DatabaseUnavailable.causeIn(noTransaction)).isSameAs(noTransaction);
        var brokenMidway = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(DatabaseUnavailable.causeIn(new EventStoreException("An event could not be stored", brokenMidway))).isSameAs(brokenMidway);
    }

    @Test
    void aFailedRollbackAfterTheConnectionBrokeIsRecognisedByItsApplicationException() {
        var brokenMidway = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        var rollbackFailed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new EventStoreException("An event could not be stored", brokenMidway));

        assertThat(DatabaseUnavailable.causeIn(rollbackFailed)).isSameAs(brokenMidway);
    }

    @Test
    void aFailedRollbackOnAConnectionThePoolAlreadyClosedIsAnOutage() {
        // Seen when the snapshot read broke the connection (Axon logs and swallows that), the next statement
        // met Hikari's closed proxy, and the rollback failed on it too.
        var rollbackFailed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        var closedProxy = new SQLException("Connection is closed");
        rollbackFailed.initApplicationException(new IllegalStateException("Failed to create a SQL statement", closedProxy));

        assertThat(DatabaseUnavailable.causeIn(rollbackFailed)).isSameAs(closedProxy);
    }

    @Test
    void aStatementOnAConnectionThePoolAlreadyClosedIsAnOutage() {
        // The same within Axon's unit of work, which rolls back without failing again: Axon's JdbcException over
        // Hikari's closed proxy is what reaches the request.
        var closedProxy = new SQLException("Connection is closed");
        var failure = new CommandExecutionException("failed", new JdbcException("Failed to create a SQL statement", closedProxy));

        assertThat(DatabaseUnavailable.causeIn(failure)).isSameAs(closedProxy);
    }

    @Test
    void otherFailuresAreNotMistakenForAnOutage() {
        assertThat(DatabaseUnavailable.causeIn(new IllegalStateException("bug"))).isNull();
        assertThat(DatabaseUnavailable.causeIn(new SQLException("duplicate key", "23505"))).isNull();
        assertThat(DatabaseUnavailable.causeIn(new TransactionSystemException("commit failed", new SQLException("x", "40001")))).isNull();
    }
}
