package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.FleetHardware;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcFleetHardware implements FleetHardware {

    private final JdbcClient jdbc;

    JdbcFleetHardware(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isKnown(String hardwareId) {
        return jdbc.sql("SELECT COUNT(*) FROM ecu WHERE hardware_id = :hw FETCH FIRST 1 ROWS ONLY")
                        .param("hw", hardwareId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public Set<String> installedVersions(String hardwareId) {
        return new LinkedHashSet<>(
                jdbc.sql("""
                SELECT DISTINCT software_version FROM ecu WHERE hardware_id = :hw ORDER BY software_version""").param("hw", hardwareId).query(String.class).list());
    }
}
