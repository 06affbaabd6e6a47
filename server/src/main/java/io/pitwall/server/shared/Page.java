package io.pitwall.server.shared;

import java.util.List;

/** One page of a listing: the items, the page asked for and the total count that matched. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;

    public Page {
        items = List.copyOf(items);
    }

    /** Validates paging parameters from a request. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw ApiException.badRequest("invalid-parameter", "page must be 0 or greater");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.badRequest("invalid-parameter", "size must be between 1 and " + MAX_SIZE);
        }
    }
}
