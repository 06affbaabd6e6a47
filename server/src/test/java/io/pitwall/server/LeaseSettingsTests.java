package io.pitwall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.campaign.CampaignSettings;
import io.pitwall.server.privacy.PrivacySettings;
import io.pitwall.server.shared.NodeSettings;
import io.pitwall.server.trust.internal.DirectorSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings of every lease and of the node's holder name: the defaults documented in application.yml bind and
 * agree with the records' own, overrides bind, and a dead holder's work is handed on within 30 seconds.
 */
class LeaseSettingsTests {

    static Binder defaults() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment);
    }

    static Binder with(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return Binder.get(environment);
    }

    @Test
    void theDefaultsInApplicationYmlBindAndAgreeWithTheRecords() throws IOException {
        Binder yml = defaults();
        Binder none = with(Map.of());
        var campaign = yml.bind("pitwall.campaign", CampaignSettings.class).get();
        var director =
                yml.bind("pitwall.trust.director", DirectorSettings.class).get();
        var privacy = yml.bind("pitwall.privacy", PrivacySettings.class).get();
        var node = yml.bind("pitwall", NodeSettings.class).get();

        assertThat(campaign.reconcilerLease()).isEqualTo(Duration.ofSeconds(25));
        assertThat(campaign.reconcileInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(director.lease()).isEqualTo(Duration.ofSeconds(20));
        assertThat(director.pendingInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(director.sweepInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(privacy.purgeLease()).isEqualTo(Duration.ofMinutes(1));
        assertThat(node.configured()).as("a name kept in the data directory").isFalse();
        assertThat(node.dataDir().normalize()).isEqualTo(Path.of("data"));

        assertThat(none.bindOrCreate("pitwall.campaign", CampaignSettings.class))
                .isEqualTo(campaign);
        assertThat(none.bindOrCreate("pitwall.trust.director", DirectorSettings.class))
                .isEqualTo(director);
        assertThat(none.bindOrCreate("pitwall.privacy", PrivacySettings.class).purgeLease())
                .isEqualTo(privacy.purgeLease());
    }

    @Test
    void byDefaultADeadHoldersWorkIsHandedOnWithinThirtySeconds() throws IOException {
        Binder yml = defaults();
        var campaign = yml.bind("pitwall.campaign", CampaignSettings.class).get();
        var director =
                yml.bind("pitwall.trust.director", DirectorSettings.class).get();
        Duration bound = Duration.ofSeconds(30);

        assertThat(campaign.reconcilerLease().plus(campaign.reconcileInterval()))
                .isLessThanOrEqualTo(bound);
        assertThat(director.lease().plus(director.pendingInterval())).isLessThanOrEqualTo(bound);
        assertThat(director.lease())
                .as("within the campaign lease's bound")
                .isLessThanOrEqualTo(campaign.reconcilerLease());
        var privacy = yml.bind("pitwall.privacy", PrivacySettings.class).get();
        assertThat(privacy.purgeLease())
                .as("renewed batch by batch, not held for a whole interval")
                .isLessThan(privacy.purgeInterval());
    }

    @Test
    void overridesBindAndBadValuesAreRefused() {
        Binder custom = with(Map.of(
                "pitwall.node-id",
                "node-7",
                "pitwall.trust.director.lease",
                "40s",
                "pitwall.trust.director.pending-interval",
                "2s",
                "pitwall.privacy.purge-lease",
                "2m",
                "pitwall.campaign.reconciler-lease",
                "12s"));
        assertThat(custom.bind("pitwall", NodeSettings.class).get().nodeId()).isEqualTo("node-7");
        var director =
                custom.bind("pitwall.trust.director", DirectorSettings.class).get();
        assertThat(director.lease()).isEqualTo(Duration.ofSeconds(40));
        assertThat(director.pendingInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(custom.bind("pitwall.privacy", PrivacySettings.class).get().purgeLease())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(custom.bind("pitwall.campaign", CampaignSettings.class).get().reconcilerLease())
                .isEqualTo(Duration.ofSeconds(12));

        assertThatThrownBy(() -> with(Map.of("pitwall.trust.director.lease", "0s"))
                        .bind("pitwall.trust.director", DirectorSettings.class))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("pitwall.trust.director.lease");
        assertThatThrownBy(() -> with(Map.of("pitwall.privacy.purge-lease", "-1s"))
                        .bind("pitwall.privacy", PrivacySettings.class))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("pitwall.privacy.purge-lease");
        assertThatThrownBy(() -> with(Map.of("pitwall.node-id", "a b")).bind("pitwall", NodeSettings.class))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("pitwall.node-id");
    }
}
