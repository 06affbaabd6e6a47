package io.pitwall.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The embedded database must keep enforcing a {@code CHECK (x IN (...))} constraint after the connection
 * that created it is gone: migrations run on one pooled connection, and the pool retires it after 30
 * minutes. H2 2.4 then failed every insert into such a table ("Check constraint invalid").
 */
class H2CheckConstraintTests {

    @Test
    void anInListCheckStillWorksAfterTheCreatingConnectionClosed() throws SQLException {
        String url = "jdbc:h2:mem:check-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection keepsDatabase = DriverManager.getConnection(url)) {
            try (Connection migration = DriverManager.getConnection(url)) {
                migration
                        .createStatement()
                        .execute(
                                "CREATE TABLE role_file (role_name VARCHAR(20) NOT NULL,"
                                        + " CONSTRAINT role_file_ck CHECK (role_name IN ('root', 'targets', 'snapshot', 'timestamp')))");
            }
            try (Connection later = DriverManager.getConnection(url)) {
                later.createStatement().execute("INSERT INTO role_file VALUES ('root')");
                assertThatThrownBy(() -> later.createStatement().execute("INSERT INTO role_file VALUES ('mirror')"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("ROLE_FILE_CK");
                var count = later.createStatement().executeQuery("SELECT COUNT(*) FROM role_file");
                count.next();
                assertThat(count.getInt(1)).isEqualTo(1);
            }
            keepsDatabase.createStatement().execute("SHUTDOWN");
        }
    }
}
