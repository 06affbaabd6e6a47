package io.pitwall.server.privacy;

import io.pitwall.server.privacy.persistence.PersonalDataRows;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data-subject requests for one vehicle. Export: everything the catalogue says is held about the vehicle, by
 * data class. Erasure: the personal classes go (location and driver-behaviour signals cut out of every stored
 * copy, free-form attributes deleted, customer type replaced by {@value #ERASED}); diagnostic and service data
 * stay, because safety and type-approval law requires the fault and update record, and so does the audit trail.
 * Both are audited; an unknown VIN is {@code 404 vehicle-not-found} and nothing is read or written.
 */
@Service
public class PersonalDataRequests {

    /** What an erased customer type reads. */
    public static final String ERASED = "ERASED";

    private static final Set<String> KEYS = Set.of(
            "vin",
            "id",
            "seq",
            "serial",
            "name",
            "report_id",
            "position",
            "case_id",
            "assignment_id",
            "ecu_serial",
            "epoch_day");
    private static final Set<DataClass> SIGNAL_CLASSES = EnumSet.of(DataClass.LOCATION, DataClass.DRIVER_BEHAVIOUR);
    private final PersonalDataRows rows;
    private final DataCatalogue catalogue;
    private final DataSubjects subjects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PersonalDataRequests(
            PersonalDataRows rows,
            DataCatalogue catalogue,
            DataSubjects subjects,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rows = rows;
        this.catalogue = catalogue;
        this.subjects = subjects;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The bundle: {@code vin}, {@code exportedAt} and {@code classes}: class code → table → rows, each row the
     * columns of that class plus the row's identifying columns. Signals of personal classes found inside stored
     * JSON are listed under their own class (table → {@code {key…, at, signals}}), not under the column's.
     */
    @Transactional
    public Map<String, Object> export(String vin) {
        requireVehicle(vin);
        Map<DataClass, Map<String, List<Map<String, Object>>>> classes = new EnumMap<>(DataClass.class);
        SignalRedaction redaction = new SignalRedaction(SIGNAL_CLASSES);
        for (DataCatalogue.Table table : catalogue.tables()) {
            for (Map<String, Object> row : rows.rowsOf(table, vin)) {
                catalogue.withheld().stream()
                        .filter(w -> w.startsWith(table.name() + "."))
                        .forEach(w -> row.replace(w.substring(table.name().length() + 1), "withheld"));
                for (DataClass dataClass : DataClass.values()) {
                    Map<String, Object> projected = new LinkedHashMap<>();
                    boolean any = false;
                    for (var column : row.entrySet()) {
                        DataClass columnClass = table.columns().get(column.getKey());
                        if (columnClass == dataClass) {
                            any = true;
                            projected.put(
                                    column.getKey(),
                                    column.getValue() instanceof String text
                                            ? redaction.strip(text)
                                            : column.getValue());
                        } else if (KEYS.contains(column.getKey())) {
                            projected.put(column.getKey(), column.getValue());
                        }
                    }
                    if (any) {
                        classes.computeIfAbsent(dataClass, c -> new LinkedHashMap<>())
                                .computeIfAbsent(table.name(), t -> new java.util.ArrayList<>())
                                .add(projected);
                    }
                }
            }
        }
        for (DataClass dataClass : SIGNAL_CLASSES) {
            signals(vin, dataClass)
                    .forEach((table, found) -> classes.computeIfAbsent(dataClass, c -> new LinkedHashMap<>())
                            .put(table, found));
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        Map<String, Object> byCode = new LinkedHashMap<>();
        classes.forEach((dataClass, tables) -> {
            byCode.put(dataClass.code(), tables);
            counts.put(
                    dataClass.code(),
                    tables.values().stream().mapToInt(List::size).sum());
        });
        events.publishEvent(Audited.succeeded("personal-data.export", "vehicle:" + vin, counts));
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("vin", vin);
        bundle.put("exportedAt", clock.instant().toString());
        bundle.put("classes", byCode);
        return bundle;
    }

    /** Erases the vehicle's personal data; returns what changed, by class code. */
    @Transactional
    public Map<String, Object> erase(String vin) {
        requireVehicle(vin);
        Map<String, Object> changed = new LinkedHashMap<>();
        for (DataClass dataClass : SIGNAL_CLASSES) {
            SignalRedaction redaction = new SignalRedaction(Set.of(dataClass));
            long count = 0;
            for (DataCatalogue.SignalColumn column : catalogue.signalColumns()) {
                for (var row :
                        rows.signalRows(column, SignalRedaction.likePattern(dataClass), null, vin, Integer.MAX_VALUE)) {
                    String redacted = redaction.strip(row.text());
                    if (!redacted.equals(row.text())) {
                        count += rows.replaceSignals(column, row, redacted);
                    }
                }
            }
            changed.put(dataClass.code(), count);
        }
        Instant now = clock.instant();
        int account = 0;
        for (PersonalDataContribution contribution : catalogue.contributions()) {
            account += contribution.eraseAccountData(vin, ERASED, now);
        }
        changed.put(DataClass.ACCOUNT.code(), account);
        events.publishEvent(Audited.succeeded("personal-data.erase", "vehicle:" + vin, changed));
        return changed;
    }

    private Map<String, List<Map<String, Object>>> signals(String vin, DataClass dataClass) {
        SignalRedaction redaction = new SignalRedaction(Set.of(dataClass));
        Map<String, List<Map<String, Object>>> byTable = new LinkedHashMap<>();
        for (DataCatalogue.SignalColumn column : catalogue.signalColumns()) {
            for (var row :
                    rows.signalRows(column, SignalRedaction.likePattern(dataClass), null, vin, Integer.MAX_VALUE)) {
                Map<String, String> found = redaction.extract(row.text());
                if (found.isEmpty()) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                for (int i = 0; i < column.key().size(); i++) {
                    entry.put(column.key().get(i), row.key().get(i));
                }
                entry.put("at", row.at() == null ? null : row.at().toString());
                Map<String, Object> values = new LinkedHashMap<>();
                found.forEach((signal, json) -> values.put(signal, value(json)));
                entry.put("signals", values);
                byTable.computeIfAbsent(column.table(), t -> new java.util.ArrayList<>())
                        .add(entry);
            }
        }
        return byTable;
    }

    /** A scalar JSON value as found in the text: number, boolean, string or null. */
    private static Object value(String json) {
        if (json.startsWith("\"")) {
            return json.substring(1, json.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (json.equals("null")) {
            return null;
        }
        if (json.equals("true") || json.equals("false")) {
            return Boolean.valueOf(json);
        }
        try {
            return Double.valueOf(json);
        } catch (NumberFormatException e) {
            return json;
        }
    }

    private void requireVehicle(String vin) {
        if (vin == null || vin.length() != 17 || !subjects.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
    }
}
