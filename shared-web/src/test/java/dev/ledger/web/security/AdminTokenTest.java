package dev.ledger.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {

    @Test
    void aBlankTokenTurnsAdminOffAndMatchesNothing() {
        for (String blank : new String[] {null, "", "   "}) {
            AdminToken off = new AdminToken(blank);
            assertThat(off.configured()).isFalse();
            assertThat(off.matches("")).isFalse();
            assertThat(off.matches("   ")).isFalse();
        }
    }

    @Test
    void onlyTheExactTokenMatches() {
        AdminToken token = new AdminToken("s3cret");
        assertThat(token.configured()).isTrue();
        assertThat(token.matches("s3cret")).isTrue();
        assertThat(token.matches("s3cre")).isFalse();
        assertThat(token.matches("s3cretx")).isFalse();
        assertThat(token.matches("S3CRET")).isFalse();
        assertThat(token.matches("")).isFalse();
    }
}
