package io.pitwall.server.catalog;

/**
 * Content just put into the {@link ArtifactStore}.
 *
 * @param created whether this put wrote the artifact ({@code false}: identical content was already stored)
 */
public record StoredArtifact(String sha256, String sha512, long length, boolean created) {}
