package dev.ledger.command.debate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How large one debate may grow ({@code ledger.limits.*}; env LEDGER_MAX_PARTICIPANTS, LEDGER_MAX_CLAIMS,
 * LEDGER_MAX_REASONS): a command that would go past a cap is refused with 409 naming it. The caps keep every
 * debate's aggregate, and every list the query side answers about it, bounded. Command handlers receive the bean
 * as a parameter (Axon resolves Spring beans; tests register it with {@code registerInjectableResource}).
 */
@ConfigurationProperties("ledger.limits")
public record DebateLimits(
        @DefaultValue("1000") int maxParticipants,
        @DefaultValue("1000") int maxClaims,
        @DefaultValue("10000") int maxReasons) {

    public DebateLimits {
        atLeastOne(maxParticipants, "ledger.limits.max-participants (LEDGER_MAX_PARTICIPANTS)");
        atLeastOne(maxClaims, "ledger.limits.max-claims (LEDGER_MAX_CLAIMS)");
        atLeastOne(maxReasons, "ledger.limits.max-reasons (LEDGER_MAX_REASONS)");
    }

    private static void atLeastOne(int value, String setting) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be 1 or more, was " + value);
        }
    }
}
