package io.pitwall.server.audit;

/**
 * The verdict on the audit chain.
 *
 * @param intact       whether every record is present, in order and unaltered
 * @param length       how many records were checked
 * @param firstBadSeq  the first record found altered, deleted or out of order ({@code null} when intact)
 * @param problem      what is wrong there, in words ({@code null} when intact)
 * @param pending      records committed but not chained yet (normally 0: they are chained right after
 *                     their commit; a lasting number means the sealing fails)
 */
public record ChainReport(boolean intact, long length, Long firstBadSeq, String problem, long pending) {

    static ChainReport intact(long length, long pending) {
        return new ChainReport(true, length, null, null, pending);
    }

    static ChainReport broken(long length, long seq, String problem, long pending) {
        return new ChainReport(false, length, seq, problem, pending);
    }
}
