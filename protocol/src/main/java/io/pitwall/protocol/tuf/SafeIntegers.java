package io.pitwall.protocol.tuf;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The integers every TUF client reads exactly: at most 2^53 − 1 in magnitude. JavaScript clients (tuf-js) parse
 * JSON numbers as doubles, so a larger integer is rounded, the canonical form they verify is no longer the one that
 * was signed, and the whole metadata file (every target in it) is refused. Signed metadata must hold no other.
 */
public final class SafeIntegers {

    /** 2^53 − 1, JavaScript's {@code Number.MAX_SAFE_INTEGER}. */
    public static final long MAX = 9_007_199_254_740_991L;

    private static final BigInteger BIG_MAX = BigInteger.valueOf(MAX);

    private SafeIntegers() {}

    public static boolean safe(long value) {
        return value >= -MAX && value <= MAX;
    }

    /** The JSON pointer (e.g. {@code /targets/a~1b.bin/custom/releaseCounter}) of the first unsafe integer. */
    public static Optional<String> firstUnsafe(JsonNode node) {
        return firstUnsafe(node, "");
    }

    private static Optional<String> firstUnsafe(JsonNode node, String pointer) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().abs().compareTo(BIG_MAX) > 0
                    ? Optional.of(pointer.isEmpty() ? "/" : pointer)
                    : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                var found = firstUnsafe(node.get(i), pointer + "/" + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                var found = firstUnsafe(
                        field.getValue(),
                        pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
