package io.pitwall.protocol.tuf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One image as a TUF targets entry: {@code {"length", "hashes": {"sha256", "sha512"}, "custom":
 * {"hardwareIds": [...], "releaseCounter": n, "ecuType": "..."}}}. This is the exact value a TUF
 * targets role lists under the image's target path, so the Uptane repositories adopt it unchanged.
 */
public record TargetEntry(
        long length, Map<String, String> hashes, List<String> hardwareIds, long releaseCounter, String ecuType) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public TargetEntry {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
        if (hashes == null || !hashes.containsKey("sha256")) {
            throw new IllegalArgumentException("a target lists at least a sha256 hash");
        }
        if (hardwareIds == null || hardwareIds.isEmpty()) {
            throw new IllegalArgumentException("a target names at least one hardware id");
        }
        if (releaseCounter < 0) {
            throw new IllegalArgumentException("releaseCounter must not be negative");
        }
        hashes = Map.copyOf(hashes);
        hardwareIds = List.copyOf(hardwareIds);
    }

    public String sha256() {
        return hashes.get("sha256");
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("length", length);
        ObjectNode h = node.putObject("hashes");
        hashes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> h.put(e.getKey(), e.getValue()));
        ObjectNode custom = node.putObject("custom");
        var ids = custom.putArray("hardwareIds");
        hardwareIds.forEach(ids::add);
        custom.put("releaseCounter", releaseCounter);
        if (ecuType != null) {
            custom.put("ecuType", ecuType);
        }
        return node;
    }

    public static TargetEntry fromJson(JsonNode node) {
        try {
            Map<String, String> hashes = new LinkedHashMap<>();
            node.get("hashes")
                    .properties()
                    .forEach(e -> hashes.put(e.getKey(), e.getValue().stringValue()));
            JsonNode custom = node.get("custom");
            List<String> ids = new ArrayList<>();
            custom.get("hardwareIds").forEach(id -> ids.add(id.stringValue()));
            JsonNode ecuType = custom.get("ecuType");
            return new TargetEntry(
                    node.get("length").longValue(),
                    hashes,
                    ids,
                    custom.get("releaseCounter").longValue(),
                    ecuType == null ? null : ecuType.stringValue());
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("not a targets entry: a required field is missing");
        }
    }
}
