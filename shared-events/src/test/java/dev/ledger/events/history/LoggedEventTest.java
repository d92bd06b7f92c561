package dev.ledger.events.history;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The append path's leaf hash from stored columns is the leaf hash of the envelope built from them. */
class LoggedEventTest {

    private static final String AT = "2026-11-29T09:00:03.123456Z";

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"debateId\":\"d1\",\"text\":\"claim 3\"}",
            // stored text is not canonical: member order, white space, escapes and number forms all differ
            "{ \"text\" : \"caf\\u00e9 \\\"quoted\\\" \\\\ \\n tab\\t \\ud83d\\ude00\", \"debateId\":\"d1\" }",
            "{\"credence\":0.70,\"big\":1E21,\"small\":1e-7,\"whole\":100.0,\"neg\":-0.0,\"list\":[3,1,{\"b\":1,\"a\":2}]}",
            "{\"empty\":{},\"none\":null,\"yes\":true,\"text\":\"\\u007f\\u2028 \u00e9\u4e2d\"}"})
    void theLeafFromStoredColumnsEqualsTheLeafOfTheEnvelope(String payloadJson) {
        byte[] expected = LoggedEvent.of("e-3", "ClaimStated", 2, "d1", 3, AT, payloadJson).leafHash();

        assertThat(LoggedEvent.leafHashOfStored("e-3", "ClaimStated", 2, "d1", 3, AT, payloadJson)).isEqualTo(expected);
    }

    @Test
    void envelopeStringsThatNeedEscapingHashAlike() {
        String odd = "d\"1\\\u0001\u00e9";
        byte[] expected = LoggedEvent.of(odd, "ClaimStated", 1, odd, 1, odd, "{}").leafHash();

        assertThat(LoggedEvent.leafHashOfStored(odd, "ClaimStated", 1, odd, 1, odd, "{}")).isEqualTo(expected);
    }

    @Test
    void storedColumnsAreCheckedAsTheEnvelopeChecksThem() {
        assertThatThrownBy(() -> LoggedEvent.leafHashOfStored("e", "T", 1, "d", 0, AT, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> LoggedEvent.leafHashOfStored(" ", "T", 1, "d", 1, AT, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> LoggedEvent.leafHashOfStored("e", "T", 1, "d", 1, AT, "[1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
        assertThatThrownBy(() -> LoggedEvent.leafHashOfStored("e", "T", 1, "d", 1, AT, "{\"a\":1,\"a\":2}"))
                .isInstanceOf(HistoryFormatException.class).hasMessageContaining("Duplicate");
    }
}
