package io.pitwall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.bench.audit.AuditAppend;
import io.pitwall.bench.audit.AuditVerify;
import io.pitwall.bench.audit.ChainGenerator;
import io.pitwall.bench.device.CampaignMillion;
import io.pitwall.bench.device.CampaignStart;
import io.pitwall.bench.device.Checkin;
import io.pitwall.bench.device.DirectorRegen;
import io.pitwall.bench.device.EventIngestionLoad;
import io.pitwall.bench.device.ReconcilerTick;
import io.pitwall.bench.diagnostics.FaultPatterns;
import io.pitwall.bench.fleet.FirmwareInventory;
import io.pitwall.bench.fleet.FleetImport;
import io.pitwall.server.audit.AuditChainVerifier;
import io.pitwall.server.audit.persistence.AuditRecords;
import io.pitwall.testsupport.PostgresCondition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each scenario's whole path at a tiny size against the test PostgreSQL: proves the code works, times
 * nothing (the figures come from bench/run).
 */
@ExtendWith(PostgresCondition.class)
class ScenarioSmokeTests {

    private final BenchDatabase database =
            new BenchDatabase(PostgresCondition.url(), PostgresCondition.user(), PostgresCondition.password());

    @Test
    void auditAppendChainsEveryRecordItAppends() throws Exception {
        Result result = new AuditAppend(100, 4, 10, 10).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics()).containsEntry("records", 100).containsEntry("batchedRecordsPerTransaction", 10);
        // warm-up, timed single records, then 10 transactions of 10, plus whatever the server audited itself
        assertThat((Long) result.metrics().get("chainLength")).isGreaterThanOrEqualTo(210L);
    }

    @Test
    void auditVerifyGeneratesAChainTheVerifierAccepts() throws Exception {
        Result result = new AuditVerify(500, 1, Path.of("no-cli-here.jar"), 42).run(database);
        assertThat(result.verdict()).as(result.measured()).isEqualTo(Result.Verdict.MET);
        assertThat(result.metrics()).containsEntry("chainLength", 500);
        var report = new AuditChainVerifier(new AuditRecords(database.dataSource())).verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.length()).isEqualTo(500);
        assertThat(new ChainGenerator(42).record(7, "x").hash())
                .isEqualTo(new ChainGenerator(42).record(7, "x").hash())
                .isNotEqualTo(new ChainGenerator(43).record(7, "x").hash());
    }

    @Test
    void importLandsEveryGeneratedVehicleWithItsEcus() throws Exception {
        Result result = new FleetImport(50, 5, 1, 20).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics())
                .containsEntry("vehicles", 50)
                .containsEntry("warmupVehicles", 20)
                .containsEntry("ecus", 250L);
    }

    @Test
    void firmwareInventoryAnswersOverTheLoadedFleet() throws Exception {
        Result result = new FirmwareInventory(250, 5, 2, 1).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics()).containsEntry("ecus", 250L).containsEntry("calls", 2);
        assertThat((Integer) result.metrics().get("responseChars")).isGreaterThan(100);
    }

    @Test
    void checkinAnswersEveryUnchangedReportOnPostgres() throws Exception {
        Result result = new Checkin(false, 20, 60, 10, 4, 1, 200).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics())
                .containsEntry("requests", 60)
                .containsEntry("vehicles", 20)
                .containsEntry("pacedTargetPerSecond", 200.0)
                .containsKey("pacedP99Millis");
    }

    @Test
    void checkinAnswersEveryUnchangedReportOnEmbeddedH2() throws Exception {
        Result result = new Checkin(true, 10, 30, 5, 3, 1, 100).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics()).containsEntry("requests", 30).containsEntry("database", "H2 (embedded file)");
    }

    @Test
    void aReconcilerTickJudgesEveryRunningPhasedCampaign() throws Exception {
        Result result = new ReconcilerTick(3, 30, 1).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics()).containsEntry("campaigns", 3).containsEntry("openAssignments", 30L);
    }

    @Test
    void aMillionCampaignDryRunSizesFiveWavesAndTheStartAssignsTheFirst() throws Exception {
        Result result = new CampaignMillion(300, 1).run(database);
        assertThat(result.verdict()).as(result.measured()).isEqualTo(Result.Verdict.MET);
        assertThat(result.metrics()).containsEntry("eligible", 300L).containsEntry("firstWaveAssignments", 3L);
        assertThat((List<?>) result.metrics().get("waveSizes")).hasSize(5);
    }

    @Test
    void eventsAreAllStoredAndAcknowledged() throws Exception {
        Result result = new EventIngestionLoad(7, 3, 5, 3, 1).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics())
                .containsEntry("events", 105L)
                .containsEntry("storedEvents", 105L)
                .containsEntry("batches", 21);
    }

    @Test
    void dtcReportsInTheThreeFormatsAreAllStoredDecoded() throws Exception {
        Result result = new EventIngestionLoad(7, 3, 6, 3, 1, true).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics()).containsEntry("events", 126L).containsEntry("storedEvents", 126L);
        assertThat(database.count("SELECT COUNT(DISTINCT source_format) FROM dtc_report"))
                .isEqualTo(3);
    }

    @Test
    void campaignStartAssignsEveryVehicleOfTheFleet() throws Exception {
        Result result = new CampaignStart(40, 1).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics()).containsEntry("assignments", 40L).containsEntry("assignmentEcus", 40L);
    }

    @Test
    void directorRegenSignsEveryAssignedVehicleAndAgainAfterTheCancel() throws Exception {
        Result result = new DirectorRegen(30, 1).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics()).containsEntry("vehicles", 30).containsEntry("signaturesPerChange", 90L);
    }

    @Test
    void faultPatternsRollsUpEverySeededFaultAndAnswersTheQuery() throws Exception {
        Result result = new FaultPatterns(30, 1_000, 2, 1).run(database);
        assertThat(result.verdict()).as(result.measured()).isIn(Result.Verdict.MET, Result.Verdict.MISSED);
        assertThat(result.metrics()).containsEntry("faultRecords", 1_000L).containsEntry("dtcReports", 200L);
    }
}
