package io.pitwall.server.catalog;

import io.pitwall.server.access.Role;
import io.pitwall.server.catalog.internal.CatalogSettings;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;

/** Integration tests of the catalog: fast token clients and a snapshot of everything a request may write. */
abstract class CatalogIntegrationTest extends IntegrationTest {

    @Autowired
    CatalogSettings settings;

    /** A fresh operator with the role, reached through an API token (Basic costs a bcrypt per request). */
    ApiClient as(Role role) {
        return CatalogFixtures.tokenClient(operatorWith(role), api, role);
    }

    /** Row counts of every catalog table, successful audit records, artifact files, and one extra probe. */
    Map<String, Long> state(Supplier<Long> extra) {
        Map<String, Long> state = new LinkedHashMap<>();
        for (String table : new String[] {"image", "image_dependency", "software_release", "software_release_image"}) {
            state.put(table, count(table));
        }
        state.put(
                "succeeded audit records",
                jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE outcome = 'SUCCEEDED'")
                        .query(Long.class)
                        .single());
        state.put("artifact files", CatalogFixtures.files(settings.artifactDir()));
        state.put("extra", extra.get());
        return state;
    }

    Map<String, Long> state() {
        return state(() -> 0L);
    }
}
