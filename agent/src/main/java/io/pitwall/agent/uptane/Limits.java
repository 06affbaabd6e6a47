package io.pitwall.agent.uptane;

/**
 * Upper bounds for one refresh: bytes per metadata file where no signed length is known (tuf-js's
 * defaults), how many root rotations to follow, and how many delegated roles to visit.
 */
public record Limits(
        long rootBytes,
        long timestampBytes,
        long snapshotBytes,
        long targetsBytes,
        int maxRootRotations,
        int maxDelegations) {

    public Limits {
        if (rootBytes < 1
                || timestampBytes < 1
                || snapshotBytes < 1
                || targetsBytes < 1
                || maxRootRotations < 1
                || maxDelegations < 1) {
            throw new IllegalArgumentException("every limit must be positive");
        }
    }

    public static Limits defaults() {
        return new Limits(512_000, 16_384, 2_000_000, 5_000_000, 256, 32);
    }
}
