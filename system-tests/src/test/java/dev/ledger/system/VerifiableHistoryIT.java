package dev.ledger.system;

import dev.ledger.events.history.Bundle;
import dev.ledger.events.history.BundleVerifier;
import dev.ledger.events.history.VerificationResult;
import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.Test;

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
 * the imported events from Kafka its read model equals the first's (the same projection checksum) and its tree the
 * same root.
 */
class VerifiableHistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anImportedDebateHasTheSameReadModelAndRootAsTheExportedOne() throws Exception {
        String debate;
        long lastSequence;
        byte[] zip;
        String checksumA;
        String rootA;
        try (RunningLedger a = RunningLedger.start()) {
            JsonHttp asMaya = a.commandsAs("maya");
            Answer opened = asMaya.post("/debates", Map.of("title", "Carried over", "visibility", "private"));
            assertThat(opened.status()).as("%s", opened).isEqualTo(201);
            debate = opened.body().get("debateId").asString();
            assertThat(asMaya.post("/debates/" + debate + "/participants", Map.of("displayName", "Maya")).status()).isEqualTo(201);
            assertThat(asMaya.post("/debates/" + debate + "/invitations", Map.of("handle", "tom", "role", "member")).status())
                    .isEqualTo(201);
            assertThat(a.commandsAs("tom").post("/debates/" + debate + "/participants", Map.of("displayName", "Tom")).status())
                    .isEqualTo(201);
            Answer claim = asMaya.post("/debates/" + debate + "/claims", Map.of("statement", "Histories can be checked", "by", "maya"));
            assertThat(claim.status()).as("%s", claim).isEqualTo(201);
            Answer reason = a.commandsAs("tom").post("/debates/" + debate + "/reasons", Map.of("claimId",
                    claim.body().get("claimId").asString(), "stance", "for", "text", "Merkle trees make edits visible", "by", "tom"));
            assertThat(reason.status()).as("%s", reason).isEqualTo(201);
            lastSequence = reason.body().get("sequence").asLong();

            awaitProjected(a, debate, lastSequence);
            checksumA = QueryServiceCrashReliabilityIT.checksum(a.queryAdmin());
            HttpResponse<byte[]> exported = http.send(HttpRequest.newBuilder(URI.create(a.commandService().baseUrl()
                            + "/debates/" + debate + "/export"))
                    .header("Authorization", a.commandAdmin().authorizationFor("/debates/" + debate + "/export", null))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(exported.statusCode()).isEqualTo(200);
            zip = exported.body();
            VerificationResult verified = BundleVerifier.verify(Bundle.readZip(new ByteArrayInputStream(zip)), a.verifierKey(), null);
            assertThat(verified.isValid()).as(verified.message()).isTrue();
            rootA = a.commandAdmin().get("/debates/" + debate + "/proof/consistency?from=1").body().get("toRoot").asString();
        }

        try (RunningLedger b = RunningLedger.start()) {
            HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(b.commandService().baseUrl()
                            + "/debates/import"))
                    .header("Authorization", b.commandAdmin().authorizationFor("/debates/import", null))
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

            awaitProjected(b, debate, lastSequence);
            assertThat(QueryServiceCrashReliabilityIT.checksum(b.queryAdmin())).as("the imported read model").isEqualTo(checksumA);
            assertThat(b.commandAdmin().get("/debates/" + debate + "/proof/consistency?from=1").body().get("toRoot").asString())
                    .isEqualTo(rootA);
            Answer readByTom = b.queriesAs("tom").get("/debates/" + debate);
            assertThat(readByTom.status()).as("tom, invited in the first ledger, reads it in the second: %s", readByTom).isEqualTo(200);
        }
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
