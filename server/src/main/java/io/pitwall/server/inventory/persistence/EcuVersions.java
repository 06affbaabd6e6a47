package io.pitwall.server.inventory.persistence;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The distinct software versions stored on ECUs of a type: what a version range in a filter resolves against. */
@Repository
public class EcuVersions {

    private final JdbcClient jdbc;

    EcuVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> of(String ecuType) {
        return jdbc.sql("SELECT DISTINCT software_version FROM ecu WHERE ecu_type = :type")
                .param("type", ecuType)
                .query(String.class)
                .list();
    }
}
