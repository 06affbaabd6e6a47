package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.ReadinessSheet;
import io.pitwall.server.campaign.governance.Readiness.Item;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.ReadinessSheets;
import io.pitwall.server.campaign.persistence.ReleaseReadModel;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Fills in a draft campaign's readiness sheet and evidence, and says which readiness items are met. */
@Service
public class CampaignReadiness {

    private final CampaignMoves moves;
    private final ReadinessSheets sheets;
    private final ReleaseReadModel releases;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignReadiness(
            CampaignMoves moves,
            ReadinessSheets sheets,
            ReleaseReadModel releases,
            ApplicationEventPublisher events,
            Clock clock) {
        this.moves = moves;
        this.sheets = sheets;
        this.releases = releases;
        this.events = events;
        this.clock = clock;
    }

    /** Edits the sheet of a DRAFT campaign ({@code campaign-not-draft} otherwise); answers the new readiness. */
    @Transactional
    public Readiness edit(long id, UnaryOperator<ReadinessSheet> edit, String actor) {
        Campaign campaign = draft(id);
        ReadinessSheet sheet = edit.apply(sheets.find(id).orElse(ReadinessSheet.EMPTY));
        sheets.save(id, sheet, actor, OffsetDateTime.now(clock));
        events.publishEvent(Audited.succeeded("campaign.readiness", "campaign:" + id, Map.of()));
        return evaluate(campaign);
    }

    /** Attaches test evidence (metadata) to a DRAFT campaign. */
    @Transactional
    public Readiness addEvidence(long id, String name, String sha256, String url, String actor) {
        Evidence.check(name, sha256, url);
        Campaign campaign = draft(id);
        sheets.addEvidence(id, name, sha256, url, actor, OffsetDateTime.now(clock));
        events.publishEvent(
                Audited.succeeded("campaign.evidence", "campaign:" + id, Map.of("name", name, "sha256", sha256)));
        return evaluate(campaign);
    }

    @Transactional(readOnly = true)
    public Readiness of(long id) {
        return evaluate(moves.campaign(id));
    }

    /** Every item, met or not, with its reason; the caller's transaction reads a consistent picture. */
    Readiness evaluate(Campaign campaign) {
        ReadinessSheet sheet = sheets.find(campaign.id()).orElse(ReadinessSheet.EMPTY);
        List<Evidence> evidence = sheets.evidence(campaign.id());
        List<Item> items = new ArrayList<>();
        String status = releases.status(campaign.releaseId()).orElse("MISSING");
        items.add(new Item(
                "release-published", "PUBLISHED".equals(status), "release " + campaign.releaseId() + " is " + status));
        items.add(rollbackRelease(campaign, sheet.rollbackReleaseId()));
        var owners = sheet.owners();
        items.add(named("owner-approval", "approval", owners.approval()));
        items.add(named("owner-validation", "validation", owners.validation()));
        items.add(named("owner-monitoring", "monitoring", owners.monitoring()));
        items.add(named("owner-support", "support", owners.support()));
        items.add(named("owner-rollback", "rollback", owners.rollback()));
        items.add(named("owner-review", "post-release review", owners.review()));
        items.add(
                sheet.runbookUrl() == null
                        ? new Item("runbook", false, "no runbook link")
                        : new Item("runbook", true, sheet.runbookUrl()));
        items.add(
                sheet.incidentContacts().isEmpty()
                        ? new Item("incident-contacts", false, "no incident contacts")
                        : new Item(
                                "incident-contacts",
                                true,
                                sheet.incidentContacts().size() + " contact(s)"));
        items.add(
                sheet.customerCommunication() == null
                        ? new Item("customer-communication", false, "no customer communication text")
                        : new Item(
                                "customer-communication",
                                true,
                                sheet.customerCommunication().length() + " characters"));
        items.add(
                evidence.isEmpty()
                        ? new Item("test-evidence", false, "no test evidence attached")
                        : new Item("test-evidence", true, evidence.size() + " attachment(s)"));
        return new Readiness(campaign.id(), items, sheet, evidence);
    }

    private Item rollbackRelease(Campaign campaign, Long rollbackId) {
        String item = "rollback-release";
        if (rollbackId == null) {
            return new Item(item, false, "no rollback release named");
        }
        if (rollbackId == campaign.releaseId()) {
            return new Item(item, false, "the rollback release is the campaign's own release");
        }
        var status = releases.status(rollbackId);
        if (status.isEmpty() || !"PUBLISHED".equals(status.get())) {
            return new Item(
                    item, false, "release " + rollbackId + " is " + status.orElse("missing") + ", not published");
        }
        var missing = new TreeSet<>(releases.campaignHardwareIds(campaign.id()));
        missing.removeAll(releases.hardwareIds(rollbackId));
        return missing.isEmpty()
                ? new Item(
                        item,
                        true,
                        "release " + rollbackId + " is published with an image "
                                + "for every hardware id of the campaign")
                : new Item(item, false, "release " + rollbackId + " has no image for " + missing);
    }

    private static Item named(String item, String what, String owner) {
        return owner == null ? new Item(item, false, "no " + what + " owner named") : new Item(item, true, owner);
    }

    private Campaign draft(long id) {
        Campaign campaign = moves.lock(id);
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw ApiException.conflict(
                    "campaign-not-draft", "Readiness is edited on a DRAFT campaign; this one is " + campaign.status());
        }
        return campaign;
    }
}
