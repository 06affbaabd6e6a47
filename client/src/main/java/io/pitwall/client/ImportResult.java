package io.pitwall.client;

/** What an import did; {@code firstRejection} explains the first rejected line, if any. */
public record ImportResult(
        long received, long created, long updated, long unchanged, long rejected, String firstRejection) {

    ImportResult plus(ImportResult other) {
        return new ImportResult(
                received + other.received,
                created + other.created,
                updated + other.updated,
                unchanged + other.unchanged,
                rejected + other.rejected,
                firstRejection != null ? firstRejection : other.firstRejection);
    }

    static ImportResult none() {
        return new ImportResult(0, 0, 0, 0, 0, null);
    }
}
