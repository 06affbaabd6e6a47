package io.pitwall.server.privacy;

import java.time.Instant;
import java.util.List;

/**
 * A module's share of the {@link DataCatalogue}: the tables of vehicle data it owns, each column with its
 * {@link DataClass}, and the statements privacy cannot derive from names alone. Every module that stores vehicle
 * data declares one bean, in its {@code persistence} package beside the SQL that knows those tables; privacy
 * collects them, exports rows and cuts signals out of JSON by these declarations, and asks the module itself to
 * erase its account data and to purge its diagnostic data past retention.
 */
public interface PersonalDataContribution {

    /** The module's tables of vehicle data, parents before children. */
    List<DataCatalogue.Table> tables();

    /** The module's columns holding VSS signal JSON. */
    default List<DataCatalogue.SignalColumn> signalColumns() {
        return List.of();
    }

    /** The module's columns ({@code table.column}) whose values never leave in an export: secrets, even hashed. */
    default List<String> withheld() {
        return List.of();
    }

    /**
     * Erases the vehicle's {@link DataClass#ACCOUNT} data in the module's tables (deleted, or replaced by
     * {@code marker}); returns the rows changed. Signals inside JSON are not this method's: privacy cuts them out
     * of {@link #signalColumns()}.
     */
    default int eraseAccountData(String vin, String marker, Instant now) {
        return 0;
    }

    /** The module's deletions of {@link DataClass#DIAGNOSTIC} rows past retention, run in this order. */
    default List<RetentionStep> diagnosticRetention() {
        return List.of();
    }

    /** One kind of rows deleted past retention, a batch at a time, each batch in its own transaction. */
    @FunctionalInterface
    interface RetentionStep {

        /**
         * Deletes at most about {@code limit} rows dated before the cutoff; returns how many ({@code n}), or
         * {@code -n - 1} when this was the last batch.
         */
        int deleteBatch(Instant cutoff, int limit);
    }
}
