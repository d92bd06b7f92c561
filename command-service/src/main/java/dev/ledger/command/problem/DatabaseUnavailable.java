package dev.ledger.command.problem;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "the database cannot be reached" anywhere in a cause chain: Spring's transaction and JDBC
 * connection failures, and the JDBC driver's or the pool's connection errors when Axon wraps them in its
 * own exceptions (e.g. EventStoreException while loading a debate), also when the connection broke in the
 * middle of a command and the rollback failed too.
 */
public final class DatabaseUnavailable {

    public static final String RETRY_AFTER_SECONDS = "5";
    public static final String DETAIL = "The event store database (PostgreSQL, LEDGER_COMMAND_DB_URL) cannot be reached, "
            + "so nothing was recorded. Send the same request again in a few seconds.";

    private DatabaseUnavailable() {
    }

    /** The first cause that means the database is unreachable, or null. */
    public static Throwable causeIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // "JDBC rollback failed" after the connection broke mid-command: the reason is the application exception
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure) {
                Throwable original = causeIn(rollback.getApplicationException());
                if (original != null) {
                    return original;
                }
            }
            // The driver gives each error of its own an SQL state; one without comes from the pool's closed proxy
            // ("Connection is closed"), which it hands out once it saw the connection's socket break: e.g. when the
            // snapshot read broke the connection (Axon logs and swallows that) and the next statement met the proxy.
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLException sql && (sql.getSQLState() == null || sql.getSQLState().startsWith("08"))) {
                return cause;
            }
        }
        return null;
    }

    /** The innermost message of the chain, e.g. the driver's "Connection to 127.0.0.1:5432 refused". */
    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? String.valueOf(cause) : cause.getClass().getSimpleName() + " caused by " + root;
    }
}
