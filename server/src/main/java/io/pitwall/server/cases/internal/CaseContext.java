package io.pitwall.server.cases.internal;

import io.pitwall.server.campaign.spi.VehicleUpdate;
import io.pitwall.server.diagnostics.AnswerQuality;
import io.pitwall.server.diagnostics.FaultObservation;
import java.time.Instant;
import java.util.List;

/**
 * What a case's vehicle looks like now, gathered through the inventory, campaign and diagnostics APIs when the
 * case is read (not stored: it shows the vehicle as it is, not as it was when the case opened).
 *
 * @param vehicle      {@code null} when the vehicle is no longer in the inventory
 * @param updates      the vehicle's campaign assignments changed in the last {@link #UPDATES_DAYS} days
 * @param faultHistory the vehicle's newest fault observations of the last {@link #HISTORY_DAYS} days
 * @param dataQuality  how far the vehicle's diagnostic data can be trusted (diagnostics' answer quality)
 */
public record CaseContext(
        Vehicle vehicle,
        List<VehicleUpdate> updates,
        List<FaultObservation> faultHistory,
        AnswerQuality dataQuality,
        Instant lastReportAt) {

    public static final int UPDATES_DAYS = 90;
    public static final int HISTORY_DAYS = 30;
    public static final int HISTORY_LIMIT = 50;

    public CaseContext {
        updates = List.copyOf(updates);
        faultHistory = List.copyOf(faultHistory);
    }

    public record Vehicle(String model, int modelYear, String region, List<Ecu> ecus) {}

    public record Ecu(String serial, String type, String hardwareId, String softwareVersion) {}
}
