/**
 * The software catalog: image metadata and content (in an {@link io.pitwall.server.catalog.ArtifactStore},
 * by SHA-256), each image's signed TUF targets entry, releases (one image per hardware id) and the package
 * validation gate that runs at upload and again before a release is published.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"access", "inventory", "shared", "trust", "trust :: spi"})
package io.pitwall.server.catalog;
