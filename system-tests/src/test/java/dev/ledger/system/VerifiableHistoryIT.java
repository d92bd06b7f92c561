package dev.ledger.system;

import dev.ledger.events.history.Bundle;
import dev.ledger.events.history.BundleVerifier;
import dev.ledger.events.history.VerificationResult;
import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A debate exported from one ledger and imported into another, each a real command-service, query-service, PostgreSQL
 * and Kafka: the bundle verifies with the first ledger's key, and once the second ledger's query-service has projected
 * the imported events from Kafka its read model of the debate equals the first's (the same projection checksum over
 * the debate's rows; the first ledger, shared with the other system tests, holds theirs too) and its tree the same
 * root.
 */
@ExtendWith(SharedLedger.class)
class VerifiableHistoryIT {

    // Handles of this class's own on the shared ledger.
    private static final String OWNER = "vera";
    private static final String INVITED = "theo";

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anImportedDebateHasTheSameReadModelAndRootAsTheExportedOne(RunningLedger a) throws Exception {
        JsonHttp asOwner = a.commandsAs(OWNER);
        Answer opened = asOwner.post("/debates", Map.of("title", "Carried over", "visibility", "private"));
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        String debate = opened.body().get("debateId").asString();
        assertThat(asOwner.post("/debates/" + debate + "/participants", Map.of("displayName", "Vera")).status()).isEqualTo(201);
        assertThat(asOwner.post("/debates/" + debate + "/invitations", Map.of("handle", INVITED, "role", "member")).status())
                .isEqualTo(201);
        assertThat(a.commandsAs(INVITED).post("/debates/" + debate + "/participants", Map.of("displayName", "Theo")).status())
                .isEqualTo(201);
        Answer claim = asOwner.post("/debates/" + debate + "/claims", Map.of("statement", "Histories can be checked", "by", OWNER));
        assertThat(claim.status()).as("%s", claim).isEqualTo(201);
        Answer reason = a.commandsAs(INVITED).post("/debates/" + debate + "/reasons", Map.of("claimId",
                claim.body().get("claimId").asString(), "stance", "for", "text", "Merkle trees make edits visible", "by", INVITED));
        assertThat(reason.status()).as("%s", reason).isEqualTo(201);
        long lastSequence = reason.body().get("sequence").asLong();

        awaitProjected(a, debate, lastSequence);
        JsonNode checksumA = debateChecksum(a, debate);
        HttpResponse<byte[]> exported = http.send(HttpRequest.newBuilder(URI.create(a.commandService().baseUrl()
                        + "/debates/" + debate + "/export"))
                .header("Authorization", a.commandAdmin().authorizationFor("/debates/" + debate + "/export", null))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(exported.statusCode()).isEqualTo(200);
        byte[] zip = exported.body();
        VerificationResult verified = BundleVerifier.verify(Bundle.readZip(new ByteArrayInputStream(zip)), a.verifierKey(), null);
        assertThat(verified.isValid()).as(verified.message()).isTrue();
        String rootA = a.commandAdmin().get("/debates/" + debate + "/proof/consistency?from=1").body().get("toRoot").asString();

        try (RunningLedger b = RunningLedger.start()) {
            HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(b.commandService().baseUrl()
                            + "/debates/import"))
                    .header("Authorization", b.commandAdmin().authorizationFor("/debates/import", null))
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

            awaitProjected(b, debate, lastSequence);
            assertThat(debateChecksum(b, debate)).as("the imported debate's read model").isEqualTo(checksumA);
            assertThat(b.commandAdmin().get("/debates/" + debate + "/proof/consistency?from=1").body().get("toRoot").asString())
                    .isEqualTo(rootA);
            Answer readByInvited = b.queriesAs(INVITED).get("/debates/" + debate);
            assertThat(readByInvited.status()).as("theo, invited in the first ledger, reads it in the second: %s", readByInvited).isEqualTo(200);
        }
    }

    private static JsonNode debateChecksum(RunningLedger ledger, String debate) {
        Answer checksum = ledger.queryAdmin().get("/admin/projection/debates/" + debate + "/checksum");
        assertThat(checksum.status()).as("%s", checksum).isEqualTo(200);
        return checksum.body();
    }

    private static void awaitProjected(RunningLedger ledger, String debate, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Answer answer;
        do {
            answer = ledger.queryAdmin().get("/debates/" + debate + "?minSequence=" + sequence);
            if (answer.status() == 200) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("debate " + debate + " was not projected up to " + sequence + " within " + WAIT + ": " + answer);
    }
}
