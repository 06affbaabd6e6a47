package io.pitwall.server.inventory.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts many rows with multi-row {@code INSERT ... VALUES (..), (..)} statements, themselves sent as one
 * JDBC batch. Portable (H2 and PostgreSQL) and several times faster than a batch of single-row inserts,
 * without depending on driver settings such as {@code reWriteBatchedInserts}. PostgreSQL bulk writes use
 * {@link CopyInsert} instead.
 */
final class MultiRowInsert<T> {

    private final RowSpec<T> spec;
    private final String prefix;
    private final String rowPlaceholders;
    private final int columns;
    private final int rowsPerStatement;
    private final String fullStatement;

    MultiRowInsert(RowSpec<T> spec) {
        this.spec = spec;
        this.prefix = "INSERT INTO " + spec.table() + " (" + String.join(", ", spec.columns()) + ") VALUES ";
        this.rowPlaceholders =
                "(" + String.join(", ", Collections.nCopies(spec.columns().size(), "?")) + ")";
        this.columns = spec.columns().size();
        this.rowsPerStatement = Math.max(1, 2_000 / columns);
        this.fullStatement = sql(rowsPerStatement);
    }

    void insert(JdbcTemplate template, List<T> rows) {
        int full = rows.size() / rowsPerStatement;
        if (full > 0) {
            template.batchUpdate(fullStatement, new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    bind(ps, rows, i * rowsPerStatement, rowsPerStatement);
                }

                @Override
                public int getBatchSize() {
                    return full;
                }
            });
        }
        int rest = rows.size() - full * rowsPerStatement;
        if (rest > 0) {
            template.update(sql(rest), ps -> bind(ps, rows, full * rowsPerStatement, rest));
        }
    }

    private void bind(PreparedStatement ps, List<T> rows, int from, int count) throws SQLException {
        for (int r = 0; r < count; r++) {
            Object[] values = spec.values().apply(rows.get(from + r));
            int first = 1 + r * columns;
            for (int c = 0; c < columns; c++) {
                ps.setObject(first + c, values[c]);
            }
        }
    }

    private String sql(int rows) {
        return prefix + String.join(", ", Collections.nCopies(rows, rowPlaceholders));
    }
}
