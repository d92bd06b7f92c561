package dev.ledger.query.snapshot;

import org.springframework.transaction.annotation.Transactional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read of the read model from one consistent snapshot: a read-only transaction that
 * {@link SnapshotReadTransactionManager} runs at REPEATABLE READ, so the sequence a query reports and the rows
 * it returns come from the same moment even when they take several statements.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional(readOnly = true)
public @interface SnapshotRead {
}
