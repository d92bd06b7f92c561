package dev.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a reason speaks for or against its claim. Written as {@code "for"} / {@code "against"}. */
public enum Stance implements WireName {
    FOR("for"),
    AGAINST("against");

    private final String wireName;

    Stance(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Stance fromWireName(String name) {
        return WireName.parse(values(), name, "stance");
    }
}
