package dev.ledger.infra.launcher;

import dev.ledger.events.history.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The process bookkeeping of {@code ./ledger up|down|status}; {@code .ci/smoke} runs the whole ledger through it. */
class LauncherTest {

    @TempDir
    Path data;

    private Process stray;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void killStray() {
        if (stray != null) {
            stray.destroyForcibly();
        }
    }

    @Test
    void selectsPartsInStartOrderWithTheirShortNames() {
        assertThat(Part.selected(List.of())).containsExactly(Part.values());
        assertThat(Part.selected(List.of("query", "postgres", "query-service")))
                .containsExactly(Part.POSTGRES, Part.QUERY_SERVICE);
        assertThatThrownBy(() -> Part.selected(List.of("redis")))
                .hasMessage("unknown part 'redis': choose postgres, kafka, command-service or query-service");
    }

    @Test
    void startsNoLocalPostgresOrKafkaWhenTheEnvironmentNamesExternalOnes() {
        Settings local = settings(Map.of());
        assertThat(local.isExternal(Part.POSTGRES)).isFalse();
        assertThat(local.serviceEnvironment()).containsEntry("LEDGER_BIND_ADDRESS", "127.0.0.1")
                .containsEntry("LEDGER_COMMAND_DB_URL", "jdbc:postgresql://127.0.0.1:15432/ledger_command")
                .containsEntry("LEDGER_KAFKA_BOOTSTRAP", "127.0.0.1:19092");

        Settings external = settings(Map.of("LEDGER_COMMAND_DB_URL", "jdbc:postgresql://db/c",
                "LEDGER_QUERY_DB_URL", "jdbc:postgresql://db/q", "LEDGER_KAFKA_BOOTSTRAP", "broker:9092"));
        assertThat(external.isExternal(Part.POSTGRES)).isTrue();
        assertThat(external.isExternal(Part.KAFKA)).isTrue();
        assertThat(external.serviceEnvironment()).containsEntry("LEDGER_QUERY_DB_URL", "jdbc:postgresql://db/q")
                .containsEntry("LEDGER_KAFKA_BOOTSTRAP", "broker:9092");
        assertThat(settings(Map.of("LEDGER_COMMAND_DB_URL", "jdbc:postgresql://db/c")).isExternal(Part.POSTGRES))
                .as("both database URLs are needed").isFalse();
    }

    @Test
    void givesBothServicesTheSecretsItKeepsInTheDataDirectoryOwnerOnly() throws IOException {
        Settings local = settings(Map.of("LEDGER_DB_PASSWORD", "meant-for-an-external-database"));
        Map<String, String> environment = local.serviceEnvironment();

        Path tokenFile = data.resolve("service-token");
        Path passwordFile = data.resolve("postgres-password");
        assertThat(environment.get("LEDGER_SERVICE_TOKEN")).matches("[A-Za-z0-9_-]{43}")
                .isEqualTo(Files.readString(tokenFile).strip());
        assertThat(environment.get("LEDGER_DB_PASSWORD")).matches("[A-Za-z0-9_-]{43}")
                .isEqualTo(Files.readString(passwordFile).strip())
                .isNotEqualTo(environment.get("LEDGER_SERVICE_TOKEN"));
        assertThat(environment).doesNotContainKey("LEDGER_ADMIN_TOKEN");
        Path signingKeyFile = data.resolve("signing-key");
        assertThat(environment.get("LEDGER_SIGNING_KEY_FILE")).isEqualTo(signingKeyFile.toString());
        SigningKey signingKey = SigningKey.parse(Files.readString(signingKeyFile));
        assertThat(signingKey.name()).isEqualTo("ledger.local");
        assertThat(environment).doesNotContainKey("LEDGER_SIGNING_KEY");
        for (Path file : List.of(tokenFile, passwordFile, signingKeyFile)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(local.serviceEnvironment()).as("kept between runs").isEqualTo(environment);

        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(local.serviceEnvironment()).isEqualTo(environment);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).as("made owner-only again")
                .isEqualTo("rw-------");

        Settings external = settings(Map.of("LEDGER_COMMAND_DB_URL", "jdbc:postgresql://db/c",
                "LEDGER_QUERY_DB_URL", "jdbc:postgresql://db/q", "LEDGER_DB_PASSWORD", "external-password"));
        assertThat(settings(Map.of("LEDGER_SIGNING_KEY", signingKey.format())).serviceEnvironment())
                .as("a key of the user's own is passed on as it is").doesNotContainKey("LEDGER_SIGNING_KEY_FILE");
        assertThat(external.serviceEnvironment()).containsEntry("LEDGER_DB_PASSWORD", "external-password")
                .containsEntry("LEDGER_SERVICE_TOKEN", environment.get("LEDGER_SERVICE_TOKEN"));

        new Launcher(local, new PrintStream(printed, true, StandardCharsets.UTF_8)).status();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("service token (LEDGER_SERVICE_TOKEN of both services): " + tokenFile + " (mode 600)")
                .contains("PostgreSQL password (user postgres): " + passwordFile + " (mode 600)")
                .contains("checkpoint signing key (LEDGER_SIGNING_KEY_FILE of the command-service): " + signingKeyFile + " (mode 600)")
                .contains("verifier key (checks every checkpoint): " + signingKey.verifierKey().format())
                .doesNotContain(signingKey.format())
                .doesNotContain(environment.get("LEDGER_SERVICE_TOKEN"))
                .doesNotContain(environment.get("LEDGER_DB_PASSWORD"));
    }

    @Test
    void recognisesAPartByTheMarkerOnItsCommandLineAndStopsIt() throws IOException, InterruptedException {
        Settings settings = settings(Map.of("LEDGER_KAFKA_PORT", "1"));
        Launcher launcher = new Launcher(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));
        Files.createDirectories(settings.runDir());

        Files.writeString(settings.pidFile(Part.KAFKA), ProcessHandle.current().pid() + "\n");
        assertThat(launcher.running(Part.KAFKA)).as("a live pid without the part's marker (a reused pid)").isEmpty();

        stray = new ProcessBuilder("/bin/sh", "-c", "while :; do sleep 1; done", "-Dledger.part=kafka", "not-last").start();
        Files.writeString(settings.pidFile(Part.KAFKA), stray.pid() + "\n");
        assertThat(launcher.running(Part.KAFKA)).map(ProcessHandle::pid).contains(stray.pid());
        assertThat(launcher.running(Part.POSTGRES)).isEmpty();

        launcher.status();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("kafka +" + stray.pid() + " +1 +up, not healthy")
                .containsPattern("postgres +- +15432 +down");

        launcher.down(List.of("kafka"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Stopping Kafka (pid " + stray.pid() + ") stopped");
        assertThat(stray.waitFor(10, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(settings.pidFile(Part.KAFKA)).doesNotExist();
    }

    private Settings settings(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("LEDGER_ROOT", data.toString());
        all.put("LEDGER_DATA", data.toString());
        return Settings.from(all);
    }
}
