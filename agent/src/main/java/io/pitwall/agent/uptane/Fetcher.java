package io.pitwall.agent.uptane;

import java.util.Optional;

/**
 * Where a repository's files come from. Implementations must read at most {@code maxLength} bytes and fail with
 * {@link UptaneRejected.Reason#TOO_LARGE} beyond, fail with {@link UptaneRejected.Reason#SLOW_RETRIEVAL} when a
 * download outlives its deadline, and with {@link UptaneRejected.Reason#UNREACHABLE} on other errors.
 */
public interface Fetcher {

    /** The file's bytes, or empty when the repository answers 404 or 403 (the end of the root chain). */
    Optional<byte[]> fetch(String name, long maxLength);
}
