package io.pitwall.server.trust.internal;

import io.pitwall.server.shared.ApiException;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What uploaded targets metadata may contain beyond a valid signature. The image repository supports no
 * delegations (a delegation the server neither serves nor checks would be an unchecked path for clients), and
 * a target path is {@code segment/segment…} of a small safe character set, so no client or mirror can be led
 * outside its target directory ({@code ..}, absolute paths, back-slashes, percent-encoding, control characters).
 */
final class UploadedTargetsShape {

    static final int MAX_PATH = 256;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private UploadedTargetsShape() {}

    /** @throws ApiException 422 {@code targets-delegations-unsupported} or {@code targets-invalid-path} */
    static void check(JsonNode signed) {
        if (signed.has("delegations")) {
            throw new ApiException(
                    422,
                    "targets-delegations-unsupported",
                    "the image repository serves no delegated targets roles; remove \"delegations\"");
        }
        for (String path : signed.get("targets").propertyNames()) {
            if (!safePath(path)) {
                throw new ApiException(
                        422,
                        "targets-invalid-path",
                        "target path '" + printable(path) + "' is not "
                                + "segment/segment of A-Z, a-z, 0-9, '.', '_', '+', '-' (no '..', no leading '/' or '.')");
            }
        }
    }

    static boolean safePath(String path) {
        if (path.isEmpty() || path.length() > MAX_PATH) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                return false;
            }
        }
        return true;
    }

    /** The path as a problem detail may show it: control characters replaced, length capped. */
    private static String printable(String path) {
        String shown = path.length() > 80 ? path.substring(0, 80) + "…" : path;
        return shown.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
