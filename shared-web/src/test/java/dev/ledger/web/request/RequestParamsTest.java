package dev.ledger.web.request;

import dev.ledger.web.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestParamsTest {

    @Test
    void uuidsAreCheckedAndMadeLowerCase() {
        assertThat(RequestParams.uuid("debateId", "3F2C1A9E-8B7D-4C6E-9F01-23456789ABCD"))
                .isEqualTo("3f2c1a9e-8b7d-4c6e-9f01-23456789abcd");
        for (String bad : new String[] {"", " ", "3f2c1a9e8b7d4c6e9f0123456789abcd", "{3f2c1a9e-8b7d-4c6e-9f01-23456789abcd}",
                "3f2c1a9e-8b7d-4c6e-9f01-23456789abcg", "x3f2c1a9e-8b7d-4c6e-9f01-23456789abcd"}) {
            assertRefused(() -> RequestParams.uuid("debateId", bad), "debateId");
        }
        assertRefused(() -> RequestParams.uuid("after", null), "after");
    }

    @Test
    void participantIdsFollowTheOneFormat() {
        for (String good : new String[] {"alice", "A", "b.o_b-2", "x".repeat(64)}) {
            assertThat(RequestParams.participantId("by", good)).isEqualTo(good);
            assertThat(Formats.isParticipantId(good)).isTrue();
        }
        for (String bad : new String[] {"", ".alice", "-bob", "_x", "x".repeat(65), "al ice", "ü", "a;b"}) {
            assertRefused(() -> RequestParams.participantId("by", bad), "by");
            assertThat(Formats.isParticipantId(bad)).isFalse();
        }
    }

    @Test
    void wholeNumbersStayInTheirRange() {
        assertThat(RequestParams.wholeNumber("after", "0", 0)).isZero();
        assertThat(RequestParams.wholeNumber("limit", "200", 1, 200)).isEqualTo(200);
        for (String bad : new String[] {"0", "201", "-1", "1.5", " 5", "", "99999999999999999999"}) {
            assertRefused(() -> RequestParams.wholeNumber("limit", bad, 1, 200), "limit");
        }
    }

    @Test
    void opaqueIdsAndFlags() {
        assertThat(RequestParams.opaqueId("claimId", "anything at all")).isEqualTo("anything at all");
        assertRefused(() -> RequestParams.opaqueId("claimId", " "), "claimId");
        assertRefused(() -> RequestParams.opaqueId("claimId", "a\u0007b"), "claimId");
        assertRefused(() -> RequestParams.opaqueId("claimId", "x".repeat(201)), "claimId");
        assertThat(RequestParams.flag("all", null)).isFalse();
        assertThat(RequestParams.flag("all", "true")).isTrue();
        assertRefused(() -> RequestParams.flag("all", "yes"), "all");
    }

    private static void assertRefused(Runnable parse, String field) {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, parse::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.field()).isEqualTo(field);
        assertThat(refused.reason()).isNotBlank();
        assertThat(refused.status().value()).isEqualTo(400);
    }
}
