package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hex digests of an image: sha256 always, sha512 when the release carries one. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Hashes(String sha256, String sha512) {

    public Hashes {
        Require.sha256(sha256, "sha256");
        Require.sha512OrNull(sha512, "sha512");
    }

    /** The hashes in the TUF form {@code {"sha256": …, "sha512": …}}. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("sha256", sha256);
        if (sha512 != null) {
            map.put("sha512", sha512);
        }
        return map;
    }
}
