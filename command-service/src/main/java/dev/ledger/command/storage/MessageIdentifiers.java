package dev.ledger.command.storage;

import org.axonframework.common.IdentifierFactory;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Axon's identifier for every message (commands, events, results: an event's is its eventId), found by Axon through
 * META-INF/services: a random (version 4) UUID, as Axon's default makes, but drawn from a DRBG per thread instead of
 * {@code UUID.randomUUID()}'s one shared NativePRNG. That one is a lock around a read of /dev/urandom for each
 * identifier, several per command: under load the request threads queued on it (JFR: hundreds of waits over 10 ms).
 */
public final class MessageIdentifiers extends IdentifierFactory {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(MessageIdentifiers::newRandom);

    @Override
    public String generateIdentifier() {
        return randomUuid().toString();
    }

    static UUID randomUuid() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no DRBG SecureRandom (every Java 9+ has)", e);
        }
    }
}
