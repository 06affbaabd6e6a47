package io.pitwall.server.telemetry;

import java.util.List;

/**
 * Published in the ingesting transaction when the seqs missing before stored events arrived (or were refused):
 * those events ({@code seqs}, ascending) no longer carry {@link DataQuality#SEQUENCE_GAP}, and projections that
 * copied the flag take it off too.
 */
public record SequenceGapsFilled(String vin, List<Long> seqs) {

    public SequenceGapsFilled {
        seqs = List.copyOf(seqs);
    }
}
