package io.pitwall.server.inventory.internal;

import io.pitwall.server.inventory.ImportReport;
import io.pitwall.server.inventory.ImportReport.RejectedLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running counts of an import; lists rejections up to a cap and counts them all. */
public final class ImportTally {

    private final int maxListed;
    private final List<RejectedLine> listed = new ArrayList<>();
    private long received;
    private long created;
    private long updated;
    private long unchanged;
    private long rejected;

    public ImportTally(int maxListed) {
        this.maxListed = maxListed;
    }

    public void received() {
        received++;
    }

    public void reject(RejectedLine line) {
        rejected++;
        if (listed.size() < maxListed) {
            listed.add(line);
        }
    }

    /** Adds a chunk's outcome once its transaction committed. */
    public void landed(ChunkPlan plan) {
        created += plan.inserts().size();
        updated += plan.updates().size();
        unchanged += plan.unchanged();
        plan.rejections().forEach(this::reject);
    }

    /** Whether any chunk wrote something. */
    public boolean landedAny() {
        return created + updated > 0;
    }

    public long receivedCount() {
        return received;
    }

    public ImportReport report() {
        return new ImportReport(received, created, updated, unchanged, rejected, listed);
    }

    /** The counts for the audit trail and problem answers. */
    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("received", received);
        counts.put("created", created);
        counts.put("updated", updated);
        counts.put("unchanged", unchanged);
        counts.put("rejected", rejected);
        return counts;
    }
}
