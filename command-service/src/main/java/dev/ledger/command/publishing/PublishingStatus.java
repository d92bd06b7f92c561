package dev.ledger.command.publishing;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** What the publisher last achieved: when Kafka last acknowledged a batch, and the last failure since then. */
@Component
public class PublishingStatus {

    private final AtomicReference<Instant> lastPublishedAt = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    void published(Instant at) {
        lastPublishedAt.set(at);
        lastError.set(null);
    }

    void failed(String error) {
        lastError.set(error);
    }

    /** Null until the first batch of this process is acknowledged. */
    public Instant lastPublishedAt() {
        return lastPublishedAt.get();
    }

    /** Null when the last batch went through. */
    public String lastError() {
        return lastError.get();
    }
}
