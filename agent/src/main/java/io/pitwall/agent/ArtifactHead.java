package io.pitwall.agent;

/** What a {@code HEAD} of an artifact said; {@code length} is -1 when the server did not say. */
public record ArtifactHead(long length, String etag, boolean acceptsRanges) {}
