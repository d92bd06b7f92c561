package dev.ledger.command.api;

import dev.ledger.events.history.Bundle;
import dev.ledger.events.history.BundleVerifier;
import dev.ledger.events.history.VerificationResult;
import dev.ledger.infra.postgres.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A debate exported by one ledger verifies with the library alone, and imported into a second ledger (its own
 * service instance on an empty database) it is the same debate: the same event ids, sequences, times, types and
 * payload bytes, the same root, and commands continue it there. Importing again changes nothing; a longer export
 * appends the rest; a shorter or tampered bundle is refused.
 */
class HistoryExportImportTest extends IntegrationTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anExportVerifiesAndImportsIntoASecondLedgerAsTheSameDebate() throws Exception {
        String debateId = openDebate();
        join(debateId, "opener");
        join(debateId, "eve");
        stateClaim(debateId, "eve");

        HttpResponse<byte[]> exported = export(port, debateId, tokenOf(DEFAULT_ACTOR));
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).hasValue("application/zip");
        Bundle bundle = Bundle.readZip(new ByteArrayInputStream(exported.body()));
        VerificationResult verified = BundleVerifier.verify(bundle, SIGNING_KEY.verifierKey(), null);
        assertThat(verified.isValid()).as(verified.message()).isTrue();
        assertThat(bundle.eventLines()).hasSize(4);

        String database = POSTGRES.createDatabaseIfMissing("ledger_import_" + UUID.randomUUID().toString().replace("-", ""));
        ConfigurableApplicationContext second = startInstance(database, "--ledger.name=second.ledger");
        int secondPort = portOf(second);
        JdbcTemplate secondJdbc = second.getBean(JdbcTemplate.class);

        HttpResponse<String> imported = importBundle(secondPort, exported.body(), SERVICE_TOKEN);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(imported.body());
        assertThat(answer.get("appended").asLong()).isEqualTo(4);
        assertThat(answer.get("signedBy").asString()).isEqualTo(SIGNING_KEY.verifierKey().label());
        assertThat(answer.get("warnings").toString()).as("the key came from the bundle itself").isNotEqualTo("[]");
        assertThat(rows(secondJdbc, debateId)).isEqualTo(rows(jdbc, debateId));
        assertThat(root(secondJdbc, debateId)).isEqualTo(root(jdbc, debateId));

        HttpResponse<String> again = importBundle(secondPort, exported.body(), SERVICE_TOKEN);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("appended").asLong()).isZero();
        assertThat(rows(secondJdbc, debateId)).hasSize(4);

        stateClaim(debateId, "eve");
        HttpResponse<byte[]> longer = export(port, debateId, SERVICE_TOKEN);
        HttpResponse<String> extended = importBundle(secondPort, longer.body(), SERVICE_TOKEN);
        assertThat(extended.statusCode()).as(extended.body()).isEqualTo(200);
        assertThat(JSON.readTree(extended.body()).get("appended").asLong()).isEqualTo(1);
        assertThat(rows(secondJdbc, debateId)).isEqualTo(rows(jdbc, debateId));
        assertThat(root(secondJdbc, debateId)).isEqualTo(root(jdbc, debateId));

        Response continued = send(secondPort, "POST", "/debates/" + debateId + "/claims",
                "{\"statement\":\"Continued in the second ledger\",\"by\":\"eve\"}");
        assertThat(continued.status()).as(continued.raw()).isEqualTo(201);
        assertThat(continued.body().get("sequence").asLong()).isEqualTo(6);

        HttpResponse<String> shorter = importBundle(secondPort, exported.body(), SERVICE_TOKEN);
        assertThat(shorter.statusCode()).as(shorter.body()).isEqualTo(409);
        assertThat(rows(secondJdbc, debateId)).hasSize(6);
    }

    @Test
    void aTamperedBundleIsRefusedNamingTheEventAndWritesNothing() throws Exception {
        String debateId = openDebate();
        join(debateId, "opener");
        Bundle bundle = Bundle.readZip(new ByteArrayInputStream(export(port, debateId, SERVICE_TOKEN).body()));
        List<byte[]> lines = new ArrayList<>(bundle.eventLines());
        lines.set(1, new String(lines.get(1), StandardCharsets.UTF_8).replace("\"opener\"", "\"openez\"")
                .getBytes(StandardCharsets.UTF_8));
        byte[] tampered = new Bundle(bundle.manifest(), lines, bundle.checkpoint(), bundle.verifierKey()).toZip();
        jdbc.update("DELETE FROM debate_tree_leaf WHERE debate_id = ?", debateId);
        jdbc.update("DELETE FROM debate_tree_head WHERE debate_id = ?", debateId);
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", debateId);

        HttpResponse<String> refused = importBundle(port, tampered, SERVICE_TOKEN);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("sequence").asLong()).isEqualTo(2);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(problem.get("errors").get(0).get("reason").asString()).contains("event 2");
        assertThat(eventCount(debateId)).isZero();

        HttpResponse<String> notAZip = importBundle(port, "not a zip".getBytes(StandardCharsets.UTF_8), SERVICE_TOKEN);
        assertThat(notAZip.statusCode()).as(notAZip.body()).isEqualTo(422);
    }

    @Test
    void onlyTheOwnerAndAdminsExportAndOnlyAdminsImport() throws Exception {
        String debateId = openDebate();
        join(debateId, "reader");
        assertThat(export(port, debateId, tokenOf("reader")).statusCode()).isEqualTo(403);
        assertThat(export(port, debateId, null).statusCode()).isEqualTo(403);
        String privateDebate = post("/debates", "{\"title\":\"Closed\",\"visibility\":\"private\"}").text("debateId");
        assertThat(export(port, privateDebate, tokenOf("reader")).statusCode()).isEqualTo(404);
        assertThat(export(port, privateDebate, tokenOf(DEFAULT_ACTOR)).statusCode()).isEqualTo(200);

        byte[] zip = export(port, debateId, SERVICE_TOKEN).body();
        assertThat(importBundle(port, zip, null).statusCode()).isEqualTo(401);
        assertThat(importBundle(port, zip, tokenOf("reader")).statusCode()).isEqualTo(403);
        String admin = "import-admin-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("PUT", "/admin/accounts/" + admin + "/admin", null, "Authorization", "Bearer " + SERVICE_TOKEN)
                .status()).isEqualTo(200);
        HttpResponse<String> byAdmin = importBundle(port, zip, tokenOf(admin));
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        assertThat(JSON.readTree(byAdmin.body()).get("appended").asLong()).isZero();
    }

    private HttpResponse<byte[]> export(int port, String debateId, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/debates/" + debateId + "/export"))
                .timeout(REQUEST_TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> importBundle(int port, byte[] zip, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/debates/import"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).header("Content-Type", "application/zip")
                .timeout(REQUEST_TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What identifies each stored event: id, sequence, time, type, version and the payload as parsed JSON. */
    private static List<Map<String, Object>> rows(JdbcTemplate jdbc, String debateId) {
        return jdbc.query("SELECT event_identifier, sequence_number, time_stamp, payload_type, coalesce(payload_revision, '1'),"
                        + " convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (row, i) -> Map.of("eventId", row.getString(1), "sequence", row.getLong(2), "time", row.getString(3),
                        "type", row.getString(4), "version", row.getString(5), "payload", JSON.readTree(row.getString(6))),
                debateId);
    }

    private static String root(JdbcTemplate jdbc, String debateId) {
        return jdbc.queryForObject("SELECT encode(root_hash, 'hex') || '/' || tree_size FROM debate_tree_head WHERE debate_id = ?",
                String.class, debateId);
    }
}
