package dev.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * Who may read a debate: {@code private} (its participants, invited handles and admins) or {@code public}
 * (anyone, anonymous included). Written in lower case.
 */
public enum Visibility {
    PRIVATE("private"),
    PUBLIC("public");

    private final String wireName;

    Visibility(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Visibility fromWireName(String name) {
        return Arrays.stream(values())
                .filter(visibility -> visibility.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("visibility must be \"private\" or \"public\", was \"" + name + "\""));
    }
}
