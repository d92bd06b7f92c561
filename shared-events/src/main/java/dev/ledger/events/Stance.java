package dev.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Whether a reason speaks for or against its claim. Written as {@code "for"} / {@code "against"}. */
public enum Stance {
    FOR("for"),
    AGAINST("against");

    private final String wireName;

    Stance(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Stance fromWireName(String name) {
        return Arrays.stream(values())
                .filter(stance -> stance.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("stance must be \"for\" or \"against\", was \"" + name + "\""));
    }
}
