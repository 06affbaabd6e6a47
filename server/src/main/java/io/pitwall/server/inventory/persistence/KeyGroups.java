package io.pitwall.server.inventory.persistence;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.Consumer;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Runs a {@code = ANY(:keys)} lookup in groups of a few hundred keys. With thousands of keys in one
 * array PostgreSQL's planner switches to a sequential scan of the whole table (tens of milliseconds per
 * import chunk, growing with the fleet); a few hundred keys keep it on the index at any table size.
 */
final class KeyGroups {

    static final int SIZE = 250;

    private KeyGroups() {}

    static void forEach(Collection<?> keys, Consumer<SqlArrayValue> lookup) {
        Object[] all = keys.toArray();
        for (int from = 0; from < all.length; from += SIZE) {
            lookup.accept(
                    new SqlArrayValue("varchar", Arrays.copyOfRange(all, from, Math.min(all.length, from + SIZE))));
        }
    }
}
