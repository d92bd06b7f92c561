package dev.ledger.web.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionsTest {

    @Test
    void textFromARequestCannotForgeALogLine() {
        assertThat(Rejections.loggable("/debates/x\n2026-01-01 INFO forged")).isEqualTo("/debates/x\\u000a2026-01-01 INFO forged");
        assertThat(Rejections.loggable("a\u0000b\tc")).isEqualTo("a\\u0000b\\u0009c");
    }

    @Test
    void longTextIsCut() {
        assertThat(Rejections.loggable("x".repeat(500))).isEqualTo("x".repeat(200) + "...");
        assertThat(Rejections.loggable("x".repeat(200))).isEqualTo("x".repeat(200));
        assertThat(Rejections.loggable(null)).isNull();
    }
}
