package dev.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * What a participant may do in a debate: the {@code owner} (who opened it) invites and changes roles, a
 * {@code member} states claims, proposes reasons, acknowledges and holds views, an {@code observer} only reads.
 * Written in lower case.
 */
public enum Role {
    OWNER("owner"),
    MEMBER("member"),
    OBSERVER("observer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Role fromWireName(String name) {
        return Arrays.stream(values())
                .filter(role -> role.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be \"owner\", \"member\" or \"observer\", was \"" + name + "\""));
    }
}
