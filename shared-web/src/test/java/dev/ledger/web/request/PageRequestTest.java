package dev.ledger.web.request;

import dev.ledger.web.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PageRequestTest {

    @Test
    void limitDefaultsTo100AndMayBe1To500() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(100, 0));
        assertThat(PageRequest.of("500", "7")).isEqualTo(new PageRequest(500, 7));
        for (String[] bad : new String[][] {{"501", null, "limit"}, {"0", null, "limit"}, {"x", null, "limit"}, {null, "-1", "after"}}) {
            InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> PageRequest.of(bad[0], bad[1]));
            assertThat(refused).as(String.join(",", bad[0] + "/" + bad[1])).isNotNull();
            assertThat(refused.field()).isEqualTo(bad[2]);
        }
    }

    @Test
    void aPageKeepsAtMostLimitItemsAndNamesTheNextPosition() {
        PageRequest two = new PageRequest(2, 10);
        assertThat(two.fetch()).isEqualTo(3);

        assertThat(two.page(List.of(11L, 14L, 20L), n -> n)).isEqualTo(new PageRequest.Page<>(List.of(11L, 14L), 14L));
        assertThat(two.page(List.of(11L, 14L), n -> n)).isEqualTo(new PageRequest.Page<>(List.of(11L, 14L), null));
        assertThat(two.pageByPlace(List.of("a", "b", "c"))).isEqualTo(new PageRequest.Page<>(List.of("a", "b"), 12L));
        assertThat(two.pageByPlace(List.<String>of())).isEqualTo(new PageRequest.Page<>(List.<String>of(), null));
    }
}
