package io.pitwall.server.inventory.web;

import io.pitwall.server.shared.ApiException;
import java.util.Map;

/** The refusals the web edge raises itself, with the same codes the inventory's records use. */
final class Required {

    private Required() {}

    static <T> T present(T value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    static ApiException missing(String field) {
        return new ApiException(422, "missing-field", field + " is required", Map.of("field", field));
    }

    static ApiException invalid(String field, String detail) {
        return new ApiException(422, "invalid-field", detail, Map.of("field", field));
    }
}
