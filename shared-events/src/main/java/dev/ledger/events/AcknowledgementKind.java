package dev.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a participant acknowledged someone else's reason: {@code noted} (heard it) or
 * {@code conceded} (accepts it has force). Written in lower case.
 */
public enum AcknowledgementKind implements WireName {
    NOTED("noted"),
    CONCEDED("conceded");

    private final String wireName;

    AcknowledgementKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AcknowledgementKind fromWireName(String name) {
        return WireName.parse(values(), name, "kind");
    }
}
