package dev.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who may read a debate: {@code private} (its participants, invited handles and admins) or {@code public}
 * (anyone, anonymous included). Written in lower case.
 */
public enum Visibility implements WireName {
    PRIVATE("private"),
    PUBLIC("public");

    private final String wireName;

    Visibility(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Visibility fromWireName(String name) {
        return WireName.parse(values(), name, "visibility");
    }
}
