package io.pitwall.server.reporting.internal;

import io.pitwall.server.campaign.CampaignSettings;
import io.pitwall.server.reporting.CampaignReleaseNotes;
import io.pitwall.server.shared.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Refreshes today's release note of every campaign under way every {@code pitwall.campaign.release-note-interval}.
 * Every node may run it: a note is one row per campaign and day, so two nodes at once only write the same
 * row twice (the second insert of a new day is a duplicate key, skipped).
 */
@Configuration(proxyBeanMethods = false)
class ReleaseNoteSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReleaseNoteSchedule.class);

    @Bean
    PeriodicTask releaseNoteRefresher(CampaignReleaseNotes notes, CampaignSettings settings) {
        Duration interval = settings.releaseNoteInterval();
        return new PeriodicTask(
                "campaign-release-notes",
                Duration.ofSeconds(30).compareTo(interval) < 0 ? Duration.ofSeconds(30) : interval,
                interval,
                () -> storeAll(notes));
    }

    static int storeAll(CampaignReleaseNotes notes) {
        int stored = 0;
        for (long id : notes.campaignsUnderWay()) {
            try {
                notes.store(id);
                stored++;
            } catch (DataIntegrityViolationException e) {
                log.debug("Release note of campaign {} was stored by another node: {}", id, e.toString());
            }
        }
        return stored;
    }
}
