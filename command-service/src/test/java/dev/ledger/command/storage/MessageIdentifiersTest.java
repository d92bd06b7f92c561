package dev.ledger.command.storage;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdentifiersTest {

    @Test
    void axonUsesThemForEveryMessage() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(MessageIdentifiers.class);
        String identifier = new GenericMessage<>("payload").getIdentifier();

        assertThat(UUID.fromString(identifier).version()).isEqualTo(4);
    }

    @Test
    void theyAreVersionFourUuidsThatDoNotRepeatAcrossThreads() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        MessageIdentifiers identifiers = new MessageIdentifiers();
        IntStream.range(0, 8).parallel().forEach(thread -> {
            for (int i = 0; i < 20_000; i++) {
                seen.add(identifiers.generateIdentifier());
            }
        });

        assertThat(seen).hasSize(8 * 20_000);
        Set<Integer> variants = new HashSet<>();
        seen.stream().limit(1000).map(UUID::fromString).forEach(uuid -> {
            assertThat(uuid.version()).isEqualTo(4);
            variants.add(uuid.variant());
        });
        assertThat(variants).containsExactly(2);
    }
}
