package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.SafeIntegers;
import io.pitwall.server.shared.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Uploaded (offline-signed) metadata is served exactly as signed, so every integer in it must be one every TUF client
 * reads exactly: a JavaScript client rounds anything above 2^53 − 1 and then refuses the whole file.
 */
final class UploadedIntegers {

    private UploadedIntegers() {}

    /** @throws ApiException 422 {@code integer-out-of-range} naming the first such integer; checked before anything */
    static void check(JsonNode signed, String what) {
        SafeIntegers.firstUnsafe(signed).ifPresent(pointer -> {
            throw ApiException.unprocessable(
                    "integer-out-of-range",
                    "the " + what + " holds an integer above "
                            + SafeIntegers.MAX + " (2^53 - 1) at " + pointer
                            + ", which JavaScript TUF clients cannot read "
                            + "exactly");
        });
    }
}
