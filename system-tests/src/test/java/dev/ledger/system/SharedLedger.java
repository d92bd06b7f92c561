package dev.ledger.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One plain ledger ({@link RunningLedger#start()}) for every system-test class of the run that asks for a
 * {@link RunningLedger} parameter: started by the first, closed by JUnit after the last (the root context's store),
 * since each start (PostgreSQL, Kafka, both services) costs tens of seconds.
 * <p>
 * The classes share the processes but not their data: each works on debates it opened itself, with handles of its
 * own where it changes an account (revoking its tokens, say) or looks at all of an account's debates.
 */
final class SharedLedger implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLedger.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningLedger.class;
    }

    @Override
    public RunningLedger resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Started.class, key -> new Started(), Started.class).ledger;
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test class of the run. */
    private static final class Started implements AutoCloseable {
        private final RunningLedger ledger;

        Started() {
            try {
                ledger = RunningLedger.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            ledger.close();
        }
    }
}
