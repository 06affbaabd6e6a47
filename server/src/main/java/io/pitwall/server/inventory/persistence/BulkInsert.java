package io.pitwall.server.inventory.persistence;

import java.sql.DatabaseMetaData;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Bulk inserts in the database's fastest way: COPY on PostgreSQL, multi-row INSERTs elsewhere (H2). */
final class BulkInsert {

    private final JdbcTemplate template;
    private final boolean copy;

    private BulkInsert(JdbcTemplate template, boolean copy) {
        this.template = template;
        this.copy = copy;
    }

    static BulkInsert of(JdbcTemplate template, DataSource dataSource) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        return new BulkInsert(template, "PostgreSQL".equals(product));
    }

    <T> void insert(RowSpec<T> spec, List<T> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (copy) {
            CopyInsert.insert(template, spec, rows);
        } else {
            new MultiRowInsert<>(spec).insert(template, rows);
        }
    }
}
