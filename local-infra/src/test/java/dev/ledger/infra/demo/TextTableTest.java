package dev.ledger.infra.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {

    @Test
    void sizesColumnsToContentAndWrapsLongCellsAtWords() {
        String table = new TextTable(List.of("claim", "rationale"), 5, 12)
                .row("C1", "the earlier predictions won me over")
                .render();

        assertThat(table).isEqualTo("""
                claim | rationale
                ------+------------
                C1    | the earlier
                      | predictions
                      | won me over
                """);
    }

    @Test
    void cutsAWordLongerThanItsColumn() {
        assertThat(TextTable.wrap("a 0123456789abc", 6)).containsExactly("a", "012345", "6789ab", "c");
    }

    @Test
    void saysSoWhenThereAreNoRows() {
        assertThat(new TextTable(List.of("when"), 8).render()).isEqualTo("when\n----\n(none)\n");
    }
}
