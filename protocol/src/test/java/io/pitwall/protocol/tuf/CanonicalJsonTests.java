package io.pitwall.protocol.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CanonicalJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void sortsKeysDropsWhitespaceAndEscapesOnlyQuoteAndBackslash() {
        var node = JSON.readTree("{ \"b\": [1, true, null], \"a\": \"x\\\"y\\\\z\\n\" }");
        assertThat(CanonicalJson.string(node)).isEqualTo("{\"a\":\"x\\\"y\\\\z\n\",\"b\":[1,true,null]}");
    }

    @Test
    void refusesFloatingPointNumbers() {
        assertThatThrownBy(() -> CanonicalJson.bytes(JSON.readTree("{\"a\":1.5}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIdIsSha256OfTheCanonicalKeyObject() {
        // The same key object hashed independently of TufKey.
        var key = new TufKey("a".repeat(64));
        String canonical =
                "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"" + "a".repeat(64) + "\"},\"scheme\":\"ed25519\"}";
        assertThat(CanonicalJson.string(key.toJson())).isEqualTo(canonical);
        assertThat(key.keyId()).isEqualTo(sha256(canonical));
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
