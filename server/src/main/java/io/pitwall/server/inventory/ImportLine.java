package io.pitwall.server.inventory;

/**
 * One vehicle read from an import: either parsed and valid, or unreadable with the reason. {@code line}
 * is the 1-based line of the input where the vehicle starts (CSV: its first row; the header is line 1).
 */
public sealed interface ImportLine permits ImportLine.Parsed, ImportLine.Unreadable {

    long line();

    record Parsed(long line, Vehicle vehicle) implements ImportLine {}

    /** @param vin the VIN as written, when one could be read ({@code null} otherwise) */
    record Unreadable(long line, String vin, String code, String reason) implements ImportLine {}
}
