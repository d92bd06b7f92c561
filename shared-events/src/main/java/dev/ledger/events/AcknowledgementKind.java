package dev.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * How a participant acknowledged someone else's reason: {@code noted} (heard it) or
 * {@code conceded} (accepts it has force). Written in lower case.
 */
public enum AcknowledgementKind {
    NOTED("noted"),
    CONCEDED("conceded");

    private final String wireName;

    AcknowledgementKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AcknowledgementKind fromWireName(String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kind must be \"noted\" or \"conceded\", was \"" + name + "\""));
    }
}
