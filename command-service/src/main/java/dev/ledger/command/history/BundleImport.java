package dev.ledger.command.history;

import dev.ledger.command.api.DebateAdmission;
import dev.ledger.command.debate.DebateAggregate;
import dev.ledger.events.EventType;
import dev.ledger.events.history.Bundle;
import dev.ledger.events.history.BundleVerifier;
import dev.ledger.events.history.CanonicalJson;
import dev.ledger.events.history.LoggedEvent;
import dev.ledger.events.history.Sha256;
import dev.ledger.events.history.VerificationResult;
import dev.ledger.web.problem.Rejections;
import dev.ledger.web.request.Formats;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Recreates a debate from an export of another ledger: the bundle is verified completely first (BundleVerifier, with
 * the key the bundle carries: the answer names it), then its events are written into domain_event_entry with their
 * ids, sequences, times, types and versions, and the debate's tree brought up to them, in one transaction under the
 * debate's admission (no command of this instance runs on it meanwhile). A debate that exists here already must hold
 * exactly the bundle's first events (same leaf hashes): then the rest is appended, else 409. The same bundle twice
 * appends nothing the second time. The publisher sends the new rows to Kafka like any others (it tracks global_index).
 */
@Component
class BundleImport {

    private static final Logger log = LoggerFactory.getLogger(BundleImport.class);
    /** The aggregate type Axon records with every event of a debate. */
    private static final String AGGREGATE_TYPE = DebateAggregate.class.getSimpleName();
    /** Imported events carry no metadata (Axon's serializer writes an empty map as this). */
    private static final byte[] NO_META_DATA = "{}".getBytes(StandardCharsets.UTF_8);

    private final JdbcTemplate jdbc;
    private final TreeHeads treeHeads;
    private final TransactionTemplate transactions;
    private final DebateAdmission admission;
    private final Cache debateCache;

    BundleImport(JdbcTemplate jdbc, TreeHeads treeHeads, TransactionTemplate transactions, DebateAdmission admission,
                 @Qualifier("debateCache") Cache debateCache) {
        this.jdbc = jdbc;
        this.treeHeads = treeHeads;
        this.transactions = transactions;
        this.admission = admission;
        this.debateCache = debateCache;
    }

    record Imported(String debateId, long events, long appended, boolean created, String rootHash, String signedBy,
                    List<String> warnings) {
    }

    Imported importBundle(Bundle bundle) {
        VerificationResult verified = BundleVerifier.verify(bundle, null, null);
        if (verified instanceof VerificationResult.Invalid invalid) {
            throw HistoryRefusal.badBundle(invalid.message(), invalid.sequence(), invalid.eventId());
        }
        if (!(verified instanceof VerificationResult.Valid valid)) {
            throw HistoryRefusal.badBundle(verified.message(), null, null);
        }
        String debateId = valid.debateId();
        if (!Formats.isUuid(debateId) || !debateId.equals(debateId.toLowerCase(Locale.ROOT))) {
            throw HistoryRefusal.badBundle("the bundle's debateId " + Rejections.loggable(debateId)
                    + " is not a debate id of a ledger (a lower-case UUID)", null, null);
        }
        List<LoggedEvent> events = new ArrayList<>(bundle.eventLines().size());
        for (byte[] line : bundle.eventLines()) {
            LoggedEvent event = LoggedEvent.parse(line);
            EventType type = EventType.named(event.type()).orElseThrow(() -> HistoryRefusal.badBundle("event "
                    + event.sequence() + " (eventId " + event.eventId() + "): type " + event.type()
                    + " is not an event type this ledger knows", event.sequence(), event.eventId()));
            if (event.version() > type.currentVersion()) {
                throw HistoryRefusal.badBundle("event " + event.sequence() + " (eventId " + event.eventId() + "): "
                        + event.type() + " version " + event.version() + " is newer than this ledger reads ("
                        + type.currentVersion() + ")", event.sequence(), event.eventId());
            }
            events.add(event);
        }
        Imported imported = admission.admit(debateId, () -> {
            try {
                return transactions.execute(status -> write(debateId, events, valid));
            } finally {
                debateCache.remove(debateId);
            }
        });
        log.info("Imported a bundle of debate {}: {} events, {} appended, signed by {}", debateId, imported.events(),
                imported.appended(), imported.signedBy());
        return imported;
    }

    private Imported write(String debateId, List<LoggedEvent> events, VerificationResult.Valid valid) {
        TreeHead before = treeHeads.catchUp(debateId);
        if (before.size() > events.size()) {
            throw HistoryRefusal.conflict("debate " + debateId + " holds " + before.size() + " events here, more than the "
                    + events.size() + " of the bundle: the bundle does not extend it", null);
        }
        List<byte[]> stored = treeHeads.leaves(debateId, before.size());
        for (int i = 0; i < stored.size(); i++) {
            if (!Arrays.equals(stored.get(i), events.get(i).leafHash())) {
                throw HistoryRefusal.conflict("event " + (i + 1) + " of debate " + debateId + " differs here from the "
                        + "bundle's (another leaf hash): the bundle does not extend this ledger's debate", i + 1L);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (LoggedEvent event : events.subList(stored.size(), events.size())) {
            EventType type = EventType.named(event.type()).orElseThrow();
            rows.add(new Object[]{debateId, event.sequence() - 1, AGGREGATE_TYPE, event.eventId(), NO_META_DATA,
                    CanonicalJson.canonicalBytes(event.payload()), String.valueOf(event.version()),
                    type.payloadClass().getName(), event.occurredAt()});
        }
        try {
            jdbc.batchUpdate("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                    + " meta_data, payload, payload_revision, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        } catch (DuplicateKeyException e) {
            throw HistoryRefusal.conflict("an event of the bundle clashes with one stored here: its event id is another"
                    + " debate's, or the debate was changed by another instance meanwhile", null);
        }
        TreeHead after = treeHeads.catchUp(debateId);
        if (!Sha256.hex(after.rootHash()).equals(valid.rootHash())) {
            throw new IllegalStateException("debate " + debateId + " imported with root " + Sha256.hex(after.rootHash())
                    + " instead of the bundle's " + valid.rootHash());
        }
        return new Imported(debateId, after.size(), rows.size(), before.size() == 0, valid.rootHash(), valid.keyUsed(),
                valid.warnings());
    }
}
