package dev.ledger.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.util.Map;

/**
 * One ledger for every system-test class of the run that asks for a {@link RunningLedger} parameter: started by the
 * first, closed by JUnit after the last (the root context's store), since each start (PostgreSQL, Kafka, both
 * services) costs tens of seconds. Its query-service signs people in through a test OIDC provider as well (an
 * {@link OidcProvider} parameter), whose users are nora (her preferred_username is her handle) and odd (whose
 * preferred_username is no handle at all).
 * <p>
 * The classes share the processes but not their data: each works on debates it opened itself, with handles of its
 * own where it changes an account (revoking its tokens, say) or looks at all of an account's debates.
 */
final class SharedLedger implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLedger.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RunningLedger.class || type == OidcProvider.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Started.class, key -> new Started(), Started.class);
        return parameter.getParameter().getType() == OidcProvider.class ? started.oidc : started.ledger;
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test class of the run. */
    private static final class Started implements AutoCloseable {
        private final OidcProvider oidc;
        private final RunningLedger ledger;

        Started() {
            oidc = OidcProvider.start(Map.of("nora", "nora", "odd", "Odd One Out"));
            try {
                ledger = RunningLedger.start(oidc.querySettings());
            } catch (IOException | InterruptedException | RuntimeException e) {
                oidc.close();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException("the shared ledger did not start", e);
            }
        }

        @Override
        public void close() {
            ledger.close();
            oidc.close();
        }
    }
}
