package dev.ledger.events.history;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json} of an export. Nothing in it is trusted on its own: the verifier recomputes the size and
 * root from the events and the signed checkpoint, and uses {@code leafHashes} (the leaf hashes as exported) only
 * after checking that they hash to the signed root, to name the event that changed.
 */
public record BundleManifest(int formatVersion, String origin, String debateId, long eventCount, long treeSize,
                             String rootHash, String createdAt, List<String> leafHashes) {

    public static final int FORMAT_VERSION = 1;

    public BundleManifest {
        leafHashes = List.copyOf(leafHashes);
    }

    public byte[] toJson() {
        ObjectNode node = CanonicalJson.mapper().createObjectNode();
        node.put("formatVersion", formatVersion);
        node.put("origin", origin);
        node.put("debateId", debateId);
        node.put("eventCount", eventCount);
        node.put("treeSize", treeSize);
        node.put("rootHash", rootHash);
        node.put("createdAt", createdAt);
        ArrayNode hashes = node.putArray("leafHashes");
        leafHashes.forEach(hashes::add);
        return CanonicalJson.canonicalBytes(node);
    }

    public static BundleManifest parse(String json) {
        JsonNode node = CanonicalJson.parse(json);
        if (!node.isObject()) {
            throw new HistoryFormatException("manifest.json is not a JSON object");
        }
        int formatVersion = (int) whole(node, "formatVersion");
        if (formatVersion != FORMAT_VERSION) {
            throw new HistoryFormatException("manifest.json has format version " + formatVersion
                    + "; this verifier reads version " + FORMAT_VERSION);
        }
        List<String> leafHashes = new ArrayList<>();
        JsonNode hashes = node.get("leafHashes");
        if (hashes != null) {
            if (!hashes.isArray()) {
                throw new HistoryFormatException("manifest.json: leafHashes must be an array of hex strings");
            }
            for (JsonNode hash : hashes) {
                if (!hash.isString()) {
                    throw new HistoryFormatException("manifest.json: leafHashes must be an array of hex strings");
                }
                leafHashes.add(hash.asString());
            }
        }
        return new BundleManifest(formatVersion, text(node, "origin"), text(node, "debateId"),
                whole(node, "eventCount"), whole(node, "treeSize"), text(node, "rootHash"), text(node, "createdAt"),
                leafHashes);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new HistoryFormatException("manifest.json: " + field + " must be a non-empty string");
        }
        return value.asString();
    }

    private static long whole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() && !value.canConvertToLong()) {
            throw new HistoryFormatException("manifest.json: " + field + " must be a whole number");
        }
        return value.longValue();
    }
}
