package io.pitwall.server.trust.web;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.server.shared.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a metadata upload (a signed root or targets envelope from offline keys): refused with 422 and the
 * caller's code when it is not an envelope, and with {@value #TOO_LARGE} when it is larger than a stored metadata
 * file may be, before any signature is checked, so nothing half-stored can follow.
 */
final class UploadedEnvelopes {

    static final String TOO_LARGE = "metadata-too-large";
    /** The metadata columns hold 1,000,000 characters; the stored form is never longer than compact JSON. */
    static final int MAX_CHARS = 1_000_000;

    private UploadedEnvelopes() {}

    static Envelope read(JsonNode body, String invalidCode) {
        int length = body.toString().length();
        if (length > MAX_CHARS) {
            throw ApiException.unprocessable(
                    TOO_LARGE, "The metadata is " + length + " characters of JSON; at most " + MAX_CHARS + " are kept");
        }
        try {
            return Envelope.fromJson(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(invalidCode, e.getMessage());
        }
    }
}
