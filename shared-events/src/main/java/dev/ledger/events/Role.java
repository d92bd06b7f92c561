package dev.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a participant may do in a debate: the {@code owner} (who opened it) invites and changes roles, a
 * {@code member} states claims, proposes reasons, acknowledges and holds views, an {@code observer} only reads.
 * Written in lower case.
 */
public enum Role implements WireName {
    OWNER("owner"),
    MEMBER("member"),
    OBSERVER("observer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Role fromWireName(String name) {
        return WireName.parse(values(), name, "role");
    }
}
