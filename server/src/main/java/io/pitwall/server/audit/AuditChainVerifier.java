package io.pitwall.server.audit;

import io.pitwall.server.audit.persistence.AuditRecords;

/**
 * Walks the audit trail in order and reports the first record that was altered (its hash does not
 * match its content), deleted (a gap in the sequence or a tail shorter than the head says) or
 * reordered (its predecessor hash does not match). Plain Java so the CLI can run it against a database.
 */
public class AuditChainVerifier {

    private final AuditRecords records;

    public AuditChainVerifier(AuditRecords records) {
        this.records = records;
    }

    public ChainReport verify() {
        var walk = new Walk();
        records.streamAll(walk::accept);
        if (walk.problem != null) {
            return ChainReport.broken(walk.checked, walk.badSeq, walk.problem);
        }
        var head = records.head();
        if (head.seq() != walk.lastSeq) {
            return ChainReport.broken(walk.checked, walk.lastSeq + 1,
                    "records " + (walk.lastSeq + 1) + " to " + head.seq() + " were deleted (the chain head is at "
                            + head.seq() + ")");
        }
        if (!head.hash().equals(walk.lastHash)) {
            return ChainReport.broken(walk.checked, walk.lastSeq, "record " + walk.lastSeq
                    + " does not match the chain head");
        }
        return ChainReport.intact(walk.checked);
    }

    private static final class Walk {
        long checked;
        long lastSeq;
        String lastHash = ChainHash.GENESIS;
        Long badSeq;
        String problem;

        void accept(AuditRecord record) {
            if (problem != null) {
                return;
            }
            checked++;
            long expected = lastSeq + 1;
            if (record.seq() != expected) {
                fail(expected, "record " + expected + " is missing (deleted)");
                return;
            }
            if (!record.prevHash().equals(lastHash)) {
                fail(record.seq(), "record " + record.seq()
                        + " does not follow its predecessor (a record was altered, deleted or reordered)");
                return;
            }
            if (!ChainHash.of(record).equals(record.hash())) {
                fail(record.seq(), "record " + record.seq() + " was altered (its content does not match its hash)");
                return;
            }
            lastSeq = record.seq();
            lastHash = record.hash();
        }

        private void fail(long seq, String what) {
            badSeq = seq;
            problem = what;
        }
    }
}
