package dev.ledger.command.api;

import dev.ledger.command.problem.DomainException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits for its result, turning Axon's failures into the ledger's: an unknown
 * debate is a {@link DomainException.NotFound} on {@code debateId}; a domain exception wrapped by Axon is
 * unwrapped so the advice sees it as itself.
 */
@Component
public class DebateCommandSender {

    private final CommandGateway commandGateway;

    public DebateCommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public <R> R send(Object command) {
        try {
            return commandGateway.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new DomainException.NotFound("debateId", "debate " + e.getAggregateIdentifier() + " does not exist");
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof DomainException domain) {
                throw domain;
            }
            throw e;
        }
    }
}
