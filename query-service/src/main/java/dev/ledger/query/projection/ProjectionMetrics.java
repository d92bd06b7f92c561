package dev.ledger.query.projection;

import dev.ledger.events.UnreadableEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The projection's meters; names are dotted here and become e.g. {@code ledger_projection_events_applied_total} in Prometheus. */
@Component
public class ProjectionMetrics {

    private final MeterRegistry registry;
    private final Timer applyTime;
    private final Timer recordLag;
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong gapsRepaired = new AtomicLong();
    private final Counter gapsRepairedCounter;
    private final AtomicLong reconciled = new AtomicLong();
    private final Counter reconciledCounter;
    private volatile String lastRepairError;

    ProjectionMetrics(MeterRegistry registry, ParkedEvents parkedEvents) {
        this.registry = registry;
        this.applyTime = Timer.builder("ledger.projection.apply")
                .description("Time to project one poll of records, in their one database transaction")
                .register(registry);
        this.recordLag = Timer.builder("ledger.projection.lag")
                .description("Time from a record's creation by the publisher (its Kafka timestamp) to its projection committing")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("ledger.projection.debates.waiting", parkedEvents, ProjectionMetrics::debatesWaitingOrNaN)
                .description("Debates whose projection waits for a missing sequence")
                .register(registry);
        this.gapsRepairedCounter = Counter.builder("ledger.projection.gaps.repaired")
                .description("Sequence gaps closed with events fetched from the event store")
                .register(registry);
        this.reconciledCounter = Counter.builder("ledger.projection.reconciled")
                .description("Debates found behind the event store by reconciliation and brought up to date from it")
                .register(registry);
    }

    public void reconciled() {
        reconciled.incrementAndGet();
        reconciledCounter.increment();
    }

    public long reconciledSinceStart() {
        return reconciled.get();
    }

    public void gapRepaired() {
        gapsRepaired.incrementAndGet();
        gapsRepairedCounter.increment();
    }

    /** The last failure to repair a gap, or null once a repair attempt succeeded again. */
    public void repairAttempted(String error) {
        lastRepairError = error;
    }

    public long gapsRepairedSinceStart() {
        return gapsRepaired.get();
    }

    public String lastRepairError() {
        return lastRepairError;
    }

    Timer applyTime() {
        return applyTime;
    }

    /** After a batch committed: how long each of its records took from the publisher's send to being applied. */
    void committed(List<? extends ConsumerRecord<?, ?>> records) {
        long now = System.currentTimeMillis();
        for (ConsumerRecord<?, ?> record : records) {
            if (record.timestampType() == TimestampType.CREATE_TIME) {
                recordLag.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
            }
        }
    }

    void applied(String type) {
        Counter.builder("ledger.projection.events.applied")
                .description("Events applied to the read model")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    void skipped(UnreadableEventException.Reason reason) {
        Counter.builder("ledger.projection.events.skipped")
                .description("Events skipped because this reader cannot understand them")
                .tag("reason", reason.name())
                .register(registry)
                .increment();
    }

    void deadLettered(String reason) {
        deadLettered.incrementAndGet();
        Counter.builder("ledger.projection.events.dead.lettered")
                .description("Records sent to the dead-letter topic")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Records dead-lettered since this instance started. */
    public long deadLetteredSinceStart() {
        return deadLettered.get();
    }

    private static double debatesWaitingOrNaN(ParkedEvents parkedEvents) {
        try {
            return parkedEvents.debatesWaiting();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
