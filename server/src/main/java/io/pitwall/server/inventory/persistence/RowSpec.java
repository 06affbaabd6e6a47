package io.pitwall.server.inventory.persistence;

import java.util.List;
import java.util.function.Function;

/**
 * A table's columns and how one value of type {@code T} becomes a row of them, in column order. Values are
 * {@code String}, {@code Integer}, {@code Long}, {@code Boolean}, {@code OffsetDateTime} or {@code null};
 * both bulk writers ({@link MultiRowInsert}, {@link CopyInsert}) take the same spec, so the two dialects
 * can never write different rows.
 */
record RowSpec<T>(String table, List<String> columns, Function<T, Object[]> values) {

    RowSpec {
        columns = List.copyOf(columns);
    }
}
