package io.pitwall.server.catalog;

/**
 * One check of the validation gate.
 *
 * @param check  the check's stable name, e.g. {@code hash-and-size}
 * @param reason why it passed or failed, in words
 */
public record CheckResult(String check, boolean passed, String reason) {

    public static CheckResult pass(String check, String reason) {
        return new CheckResult(check, true, reason);
    }

    public static CheckResult fail(String check, String reason) {
        return new CheckResult(check, false, reason);
    }
}
