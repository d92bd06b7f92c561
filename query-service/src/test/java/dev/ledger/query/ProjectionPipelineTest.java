package dev.ledger.query;

import com.zaxxer.hikari.HikariDataSource;
import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.Role;
import dev.ledger.events.Stance;
import dev.ledger.events.Visibility;
import dev.ledger.infra.postgres.LocalPostgres;
import dev.ledger.query.projection.IncomingRecord;
import dev.ledger.query.projection.ProjectionOutcome;
import dev.ledger.query.projection.ProjectionPipeline;
import dev.ledger.query.projection.RecordDecoder;
import dev.ledger.query.rebuild.ReadModelChecksum;
import dev.ledger.query.rebuild.ReadModelTables;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection pipeline on its own: no Spring context, no Kafka. Given these envelopes, these rows, in an embedded
 * PostgreSQL migrated by Flyway; every test starts from empty tables.
 */
class ProjectionPipelineTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final RecordDecoder DECODER = new RecordDecoder();
    private static LocalPostgres postgres;
    private static DataSource dataSource;
    private static JdbcClient sql;
    private static ProjectionPipeline pipeline;

    @BeforeAll
    static void database() {
        postgres = LocalPostgres.throwaway();
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.createDatabaseIfMissing("pipeline"));
        pool.setUsername(LocalPostgres.USER);
        pool.setMaximumPoolSize(2);
        dataSource = pool;
        Flyway.configure().dataSource(dataSource).load().migrate();
        sql = JdbcClient.create(dataSource);
        pipeline = ProjectionPipeline.over(dataSource, "public");
    }

    @AfterAll
    static void stop() {
        ((HikariDataSource) dataSource).close();
        postgres.close();
    }

    @BeforeEach
    void emptyTables() {
        sql.sql("DROP SCHEMA IF EXISTS copy CASCADE").update();
        sql.sql("TRUNCATE " + String.join(", ", ReadModelTables.ALL.stream().map(ReadModelTables.Table::name).toList())).update();
    }

    @Test
    void aDebatesEventsBecomeItsRows() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Tea or coffee", "Mornings"),
                debate.join("alice", "Alice"),
                debate.claim("c1", "Tea is better", "alice"),
                debate.reason("r1", "c1", Stance.FOR, "Less bitter", "alice", null),
                debate.acknowledge("r1", "alice", AcknowledgementKind.NOTED, "fair"),
                debate.view("alice", "c1", 0.75, null, "mostly", List.of("r1")));

        List<ProjectionOutcome> outcomes = pipeline.apply(records(events));

        assertThat(outcomes).extracting(ProjectionOutcome::kind).containsOnly(ProjectionOutcome.Kind.ADVANCED);
        assertThat(lastSequence(debate)).isEqualTo(6);
        assertThat(one("SELECT title || '/' || description FROM debate WHERE debate_id = ?", debate)).isEqualTo("Tea or coffee/Mornings");
        assertThat(one("SELECT display_name FROM participant WHERE debate_id = ?", debate)).isEqualTo("Alice");
        assertThat(one("SELECT stance || ' ' || text FROM reason WHERE debate_id = ?", debate)).isEqualTo("for Less bitter");
        assertThat(one("SELECT kind || ' ' || note FROM acknowledgement WHERE debate_id = ?", debate)).isEqualTo("noted fair");
        assertThat(one("SELECT credence || ' ' || array_to_string(because_of, ',') FROM current_belief WHERE debate_id = ?", debate))
                .isEqualTo("0.75 r1");
        assertThat(one("SELECT coalesce(from_credence::text, '-') || ' ' || to_credence FROM view_change WHERE debate_id = ?", debate))
                .isEqualTo("- 0.75");
        assertThat(sql.sql("SELECT sequence || ' ' || coalesce(claim_id, '-') || ' ' || summary FROM timeline_entry"
                        + " WHERE debate_id = ? ORDER BY sequence").param(debate.debateId).query(String.class).list())
                .containsExactly(
                        "1 - debate opened: \"Tea or coffee\"",
                        "2 - alice joined as \"Alice\"",
                        "3 c1 alice stated c1: \"Tea is better\"",
                        "4 c1 alice proposed r1 for c1: \"Less bitter\"",
                        "5 c1 alice noted r1: \"fair\"",             // the acknowledged reason's claim
                        "6 c1 alice set c1 at 0.75 citing 1 reason");
    }

    @Test
    void ownersRolesAndInvitationsBecomeRows() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Closed room", null, "alice", Visibility.PRIVATE),     // 1
                debate.join("alice", "Alice", Role.OWNER),                           // 2
                debate.invite("bob", Role.MEMBER, "alice"),                          // 3
                debate.invite("carol", Role.OBSERVER, "alice"),                      // 4
                debate.join("bob", "Bob", Role.MEMBER),                              // 5
                debate.changeRole("bob", Role.OBSERVER, "alice"),                    // 6
                debate.invite("carol", Role.MEMBER, "alice"));                       // 7

        pipeline.apply(records(events.subList(0, 5)));
        pipeline.apply(records(events.subList(5, 7)));

        assertThat(one("SELECT coalesce(opened_by, '-') || ' ' || visibility FROM debate WHERE debate_id = ?", debate))
                .isEqualTo("alice private");
        assertThat(sql.sql("SELECT participant_id || ' ' || role || ' ' || role_sequence FROM participant"
                        + " WHERE debate_id = ? ORDER BY sequence").param(debate.debateId).query(String.class).list())
                .containsExactly("alice owner 2", "bob observer 6");
        assertThat(sql.sql("SELECT handle || ' ' || role || ' ' || invited_by || ' ' || sequence FROM invitation"
                        + " WHERE debate_id = ? ORDER BY handle").param(debate.debateId).query(String.class).list())
                .containsExactly("bob member alice 3", "carol member alice 7");
        assertThat(sql.sql("SELECT coalesce(participant_id, '-') || ' ' || summary FROM timeline_entry"
                        + " WHERE debate_id = ? AND sequence IN (3, 6) ORDER BY sequence").param(debate.debateId)
                .query(String.class).list())
                .containsExactly("alice alice invited bob as member", "alice alice made bob observer");
    }

    @Test
    void aRoleChangedTwiceInOneBatchEndsAtTheLaterRoleAndAppliesOnceOnly() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Minds change", null, "alice", Visibility.PUBLIC),
                debate.join("alice", "Alice", Role.OWNER),
                debate.join("bob", "Bob", Role.MEMBER),
                debate.changeRole("bob", Role.OBSERVER, "alice"),
                debate.changeRole("bob", Role.MEMBER, "alice"),
                debate.changeRole("bob", Role.OBSERVER, "alice"));

        pipeline.apply(records(events));
        ReadModelChecksum.Checksum once = checksum("public");
        List<ProjectionOutcome> again = pipeline.apply(records(events.subList(3, 5)));

        assertThat(one("SELECT role || ' ' || role_sequence FROM participant WHERE debate_id = ? AND participant_id = 'bob'", debate))
                .isEqualTo("observer 6");
        assertThat(again).extracting(ProjectionOutcome::kind).containsOnly(ProjectionOutcome.Kind.ALREADY_APPLIED);
        assertThat(checksum("public")).isEqualTo(once);
    }

    @Test
    void eventsOfVersionOneProjectAsPublicDebatesWithoutOwnerJoinedByMembers() {
        DebateScript debate = new DebateScript();
        String opened = CODEC.toJson(debate.open("Old", null)).replace("\"version\":2", "\"version\":1")
                .replace(",\"openedBy\":null,\"visibility\":\"public\"", "");
        String joined = CODEC.toJson(debate.join("alice", "Alice")).replace("\"version\":2", "\"version\":1")
                .replace(",\"role\":\"member\"", "");
        assertThat(opened).doesNotContain("visibility");
        assertThat(joined).doesNotContain("role");

        pipeline.apply(List.of(DECODER.decode(opened), DECODER.decode(joined)));

        assertThat(one("SELECT coalesce(opened_by, '-') || ' ' || visibility FROM debate WHERE debate_id = ?", debate))
                .isEqualTo("- public");
        assertThat(one("SELECT role FROM participant WHERE debate_id = ?", debate)).isEqualTo("member");
    }

    @Test
    void applyingEventsAgainChangesNothing() {
        RandomDebates debates = new RandomDebates(3, 8, 20);
        List<IncomingRecord> all = records(debates.interleaved());
        pipeline.apply(all);
        ReadModelChecksum.Checksum once = checksum("public");

        List<ProjectionOutcome> again = pipeline.apply(all);
        for (int from = 0; from < all.size(); from += 7) {
            pipeline.apply(all.subList(from, Math.min(all.size(), from + 7)));
        }

        assertThat(again).extracting(ProjectionOutcome::kind).containsOnly(ProjectionOutcome.Kind.ALREADY_APPLIED);
        assertThat(checksum("public")).isEqualTo(once);
        assertThat(once.tables().get("invitation").rows()).isPositive();
    }

    @Test
    void batchesOfAnySizeGiveTheSameRows() {
        List<IncomingRecord> all = records(new RandomDebates(11, 12, 30).interleaved());
        pipeline.apply(all);
        ReadModelChecksum.Checksum oneBatch = checksum("public");

        sql.sql("CREATE SCHEMA IF NOT EXISTS copy").update();
        for (ReadModelTables.Table table : ReadModelTables.ALL) {
            sql.sql("CREATE TABLE copy." + table.name() + " (LIKE public." + table.name() + " INCLUDING ALL)").update();
        }
        ProjectionPipeline elsewhere = ProjectionPipeline.over(dataSource, "copy");
        for (IncomingRecord record : all) {
            elsewhere.apply(List.of(record));
        }

        assertThat(checksum("copy")).isEqualTo(oneBatch);
        assertThat(oneBatch.tables().get("view_change").rows()).isPositive();
        assertThat(sql.sql("SELECT count(*) FROM participant WHERE role_sequence > sequence").query(Long.class).single())
                .as("role changes applied").isPositive();
    }

    @Test
    void eventsAheadOfAMissingSequenceWaitUntilItArrives() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Out of order", null),
                debate.join("alice", "Alice"),
                debate.claim("c1", "Order matters", "alice"),
                debate.claim("c2", "Still in order", "alice"));

        List<ProjectionOutcome> first = pipeline.apply(records(List.of(events.get(0), events.get(2), events.get(3))));

        assertThat(first).extracting(ProjectionOutcome::kind).containsExactly(ProjectionOutcome.Kind.ADVANCED,
                ProjectionOutcome.Kind.PARKED, ProjectionOutcome.Kind.PARKED);
        assertThat(first.get(1).missingSequence()).isEqualTo(2);
        assertThat(lastSequence(debate)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pending_event WHERE debate_id = ?", debate)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM claim WHERE debate_id = ?", debate)).isZero();

        List<ProjectionOutcome> second = pipeline.apply(records(List.of(events.get(1))));

        assertThat(second.get(0).applied()).containsExactly("ParticipantJoined", "ClaimStated", "ClaimStated");
        assertThat(lastSequence(debate)).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM pending_event WHERE debate_id = ?", debate)).isZero();
        assertThat(sql.sql("SELECT claim_id FROM claim WHERE debate_id = ? ORDER BY sequence").param(debate.debateId)
                .query(String.class).list()).containsExactly("c1", "c2");
    }

    @Test
    void anEventOfAnUnknownTypeIsRecordedAndItsSequencePassed() {
        DebateScript debate = new DebateScript();
        EventEnvelope opened = debate.open("From the future", null);
        ObjectNode renamed = (ObjectNode) JsonMapper.builder().build().readTree(CODEC.toJson(debate.claim("c0", "x", "alice")));
        renamed.put("type", "DebateRenamed");
        EventEnvelope joined = debate.join("alice", "Alice");

        List<ProjectionOutcome> outcomes = pipeline.apply(List.of(DECODER.decode(CODEC.toJson(opened)),
                DECODER.decode(renamed.toString()), DECODER.decode(CODEC.toJson(joined))));

        assertThat(outcomes.get(1).skipped()).hasSize(1);
        assertThat(lastSequence(debate)).isEqualTo(3);
        assertThat(one("SELECT sequence || ' ' || type || ' ' || reason FROM skipped_event WHERE debate_id = ?", debate))
                .isEqualTo("2 DebateRenamed UNKNOWN_TYPE");
        assertThat(count("SELECT count(*) FROM participant WHERE debate_id = ?", debate)).isEqualTo(1);
    }

    @Test
    void laterEventsOfTheSameBatchReplaceEarlierOnes() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Minds change", null),
                debate.join("bob", "Bob"),
                debate.claim("c1", "Change is possible", "bob"),
                debate.reason("r1", "c1", Stance.AGAINST, "Habits", "bob", null),
                debate.acknowledge("r1", "bob", AcknowledgementKind.NOTED, null),
                debate.view("bob", "c1", 0.2, null, "doubtful", List.of("r1")),
                debate.acknowledge("r1", "bob", AcknowledgementKind.CONCEDED, "you win"),
                debate.view("bob", "c1", 0.9, 0.2, "convinced", List.of()));

        pipeline.apply(records(events));

        assertThat(one("SELECT kind || ' ' || sequence FROM acknowledgement WHERE debate_id = ?", debate)).isEqualTo("conceded 7");
        assertThat(one("SELECT credence || ' ' || rationale FROM current_belief WHERE debate_id = ?", debate)).isEqualTo("0.9 convinced");
        assertThat(count("SELECT count(*) FROM view_change WHERE debate_id = ?", debate)).isEqualTo(2);
    }

    private static List<IncomingRecord> records(List<EventEnvelope> events) {
        List<IncomingRecord> records = new ArrayList<>();
        events.forEach(event -> records.add(DECODER.decode(CODEC.toJson(event))));
        return records;
    }

    private static ReadModelChecksum.Checksum checksum(String schema) {
        return new ReadModelChecksum(sql).of(schema);
    }

    private static long lastSequence(DebateScript debate) {
        return count("SELECT last_sequence FROM debate_progress WHERE debate_id = ?", debate);
    }

    private static long count(String query, DebateScript debate) {
        return sql.sql(query).param(debate.debateId).query(Long.class).single();
    }

    private static String one(String query, DebateScript debate) {
        return sql.sql(query).param(debate.debateId).query(String.class).single();
    }
}
