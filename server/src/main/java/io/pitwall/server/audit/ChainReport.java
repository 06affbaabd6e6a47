package io.pitwall.server.audit;

/**
 * The verdict on the audit chain.
 *
 * @param intact       whether every record is present, in order and unaltered
 * @param length       how many records were checked
 * @param firstBadSeq  the first record found altered, deleted or out of order ({@code null} when intact)
 * @param problem      what is wrong there, in words ({@code null} when intact)
 */
public record ChainReport(boolean intact, long length, Long firstBadSeq, String problem) {

    static ChainReport intact(long length) {
        return new ChainReport(true, length, null, null);
    }

    static ChainReport broken(long length, long seq, String problem) {
        return new ChainReport(false, length, seq, problem);
    }
}
