package dev.ledger.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void theDatabasePasswordComesFromTheEnvironment() {
        BenchOptions options = BenchOptions.parse(new String[] {"--tiny", "--db-user", "ledger"},
                Map.of("LEDGER_DB_PASSWORD", "s3cret")::get);

        assertThat(options.dbUser()).isEqualTo("ledger");
        assertThat(options.dbPassword()).isEqualTo("s3cret");
    }

    @Test
    void withoutThePasswordVariableThePasswordIsEmpty() {
        assertThat(BenchOptions.parse(new String[] {}, Map.<String, String>of()::get).dbPassword()).isEmpty();
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndTheVariableNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db-password", "s3cret"}, Map.<String, String>of()::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LEDGER_DB_PASSWORD")
                .hasMessageContaining("process list");
    }

    @Test
    void everyPartRunsUnlessOnlySomeAreAsked() {
        BenchOptions all = BenchOptions.parse(new String[] {}, Map.<String, String>of()::get);
        BenchOptions some = BenchOptions.parse(new String[] {"--only", "writes, visibility"}, Map.<String, String>of()::get);

        assertThat(BenchOptions.PARTS).allMatch(all::runs);
        assertThat(BenchOptions.PARTS.stream().filter(some::runs)).containsExactly("writes", "visibility");
    }

    @Test
    void anUnknownPartIsRefusedWithTheKnownOnesNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "writes,reads"}, Map.<String, String>of()::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'reads'")
                .hasMessageContaining("writes, visibility, log, big-debate, queries, replay");
    }
}
