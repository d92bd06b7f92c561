package dev.ledger.events.history;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    /** RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text. */
    private static final String[][] APPENDIX_B = {
            {"0000000000000000", "0"},
            {"8000000000000000", "0"},
            {"0000000000000001", "5e-324"},
            {"8000000000000001", "-5e-324"},
            {"7fefffffffffffff", "1.7976931348623157e+308"},
            {"ffefffffffffffff", "-1.7976931348623157e+308"},
            {"4340000000000000", "9007199254740992"},
            {"c340000000000000", "-9007199254740992"},
            {"4430000000000000", "295147905179352830000"},
            {"44b52d02c7e14af5", "9.999999999999997e+22"},
            {"44b52d02c7e14af6", "1e+23"},
            {"44b52d02c7e14af7", "1.0000000000000001e+23"},
            {"444b1ae4d6e2ef4e", "999999999999999700000"},
            {"444b1ae4d6e2ef4f", "999999999999999900000"},
            {"444b1ae4d6e2ef50", "1e+21"},
            {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"},
            {"3eb0c6f7a0b5ed8d", "0.000001"},
            {"41b3de4355555553", "333333333.3333332"},
            {"41b3de4355555554", "333333333.33333325"},
            {"41b3de4355555555", "333333333.3333333"},
            {"41b3de4355555556", "333333333.3333334"},
            {"41b3de4355555557", "333333333.33333343"},
            {"becbf647612f3696", "-0.0000033333333333333333"},
            {"43143ff3c1cb0959", "1424953923781206.2"},
    };

    private static final java.util.Comparator<JsonNode> SAME_NUMBER = (a, b) ->
            a.isNumber() && b.isNumber() ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

    @Test
    void numbersAreSerializedAsRfc8785AppendixBSays() {
        for (String[] sample : APPENDIX_B) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(sample[0], 16));
            assertThat(text(CanonicalJson.canonicalBytes("[" + value + "]")))
                    .as("bits %s", sample[0])
                    .isEqualTo("[" + sample[1] + "]");
        }
    }

    @Test
    void nanAndInfinityAreRefused() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.add(Double.NaN);
        assertThatThrownBy(() -> CanonicalJson.canonicalBytes(array)).isInstanceOf(HistoryFormatException.class);
        ArrayNode infinite = JsonNodeFactory.instance.arrayNode();
        infinite.add(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> CanonicalJson.canonicalBytes(infinite)).isInstanceOf(HistoryFormatException.class);
    }

    /** RFC 8785 section 3.2.2's input and section 3.2.3's output (also its section 3.2.4 UTF-8 bytes). */
    @Test
    void theRfcsSampleObjectCanonicalizesToItsPrintedForm() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        byte[] canonical = CanonicalJson.canonicalBytes(input);
        assertThat(text(canonical)).isEqualTo(expected);
        // Section 3.2.4 prints the UTF-8 bytes; the euro sign is e2 82 ac.
        assertThat(Sha256.hex(canonical)).startsWith("7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c");
        assertThat(Sha256.hex(canonical)).contains("22e282ac245c75303030665c6e41274");
    }

    /** RFC 8785 section 3.2.3's sorting sample: names sorted by UTF-16 code units (the emoji before U+FB33). */
    @Test
    void memberNamesAreSortedByUtf16CodeUnits() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }
                """;
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(text(CanonicalJson.canonicalBytes(input))).isEqualTo(expected);
    }

    @Test
    void duplicateMemberNamesAreRefused() {
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}")).isInstanceOf(HistoryFormatException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalBytes("{\"a\":1,\"a\":2}")).isInstanceOf(HistoryFormatException.class);
    }

    @Test
    void canonicalizationIsIdempotentAndIgnoresMemberOrder() {
        Random random = new Random(8785);
        for (int i = 0; i < 300; i++) {
            long seed = random.nextLong();
            // The canonicalizer takes a whole document, an object or an array.
            JsonNode value = JsonNodeFactory.instance.objectNode().set("v", randomValue(new Random(seed), 0, false));
            JsonNode reordered = JsonNodeFactory.instance.objectNode().set("v", randomValue(new Random(seed), 0, true));
            byte[] canonical = CanonicalJson.canonicalBytes(value);
            assertThat(CanonicalJson.canonicalBytes(text(canonical))).as("idempotent, seed %d", seed).isEqualTo(canonical);
            assertThat(CanonicalJson.canonicalBytes(reordered)).as("order-independent, seed %d", seed).isEqualTo(canonical);
            // The same value: JCS writes every number as a double, so a whole double may come back as an integer.
            assertThat(CanonicalJson.parse(text(canonical)).equals(SAME_NUMBER, value)).as("same value, seed %d", seed).isTrue();
        }
    }

    /** The same random value each time for a seed; {@code shuffled} only changes the order members are added in. */
    private static JsonNode randomValue(Random random, int depth, boolean shuffled) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0:
                return nodes.stringNode(randomString(random));
            case 1:
                return nodes.numberNode(random.nextInt(2_000_001) - 1_000_000);
            case 2:
                return nodes.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 3:
                return random.nextBoolean() ? nodes.booleanNode(random.nextBoolean()) : nodes.nullNode();
            case 4: {
                ArrayNode array = nodes.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(randomValue(random, depth + 1, shuffled));
                }
                return array;
            }
            default: {
                int size = random.nextInt(5);
                List<String> names = new ArrayList<>();
                List<JsonNode> values = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    String name = randomString(random) + i;
                    names.add(name);
                    values.add(randomValue(random, depth + 1, shuffled));
                }
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    order.add(i);
                }
                if (shuffled) {
                    Collections.shuffle(order, new Random(size * 31L + depth));
                }
                ObjectNode object = nodes.objectNode();
                order.forEach(i -> object.set(names.get(i), values.get(i)));
                return object;
            }
        }
    }

    private static String randomString(Random random) {
        String alphabet = "aZ09 \"\\/\n\t\u0001\u007f\u00e9\u20ac\ud83d\ude00\ufb33";
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                out.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
