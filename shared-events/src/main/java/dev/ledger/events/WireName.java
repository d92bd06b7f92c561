package dev.ledger.events;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum written by a lower-case name of its own on the wire (and in the API), read back strictly. */
interface WireName {

    String wireName();

    /** The constant written as {@code name}; otherwise an error naming the field and every accepted name. */
    static <E extends Enum<E> & WireName> E parse(E[] constants, String name, String field) {
        return Arrays.stream(constants)
                .filter(constant -> constant.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + " must be " + alternatives(constants) + ", was \"" + name + "\""));
    }

    /** {@code "a" or "b"}, {@code "a", "b" or "c"}. */
    private static String alternatives(WireName[] constants) {
        String quoted = Arrays.stream(constants).map(constant -> "\"" + constant.wireName() + "\"").collect(Collectors.joining(", "));
        int last = quoted.lastIndexOf(", ");
        return last < 0 ? quoted : quoted.substring(0, last) + " or " + quoted.substring(last + 2);
    }
}
