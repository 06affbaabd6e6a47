package io.pitwall.server.catalog.internal;

import java.nio.file.Path;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Catalog settings.
 *
 * @param artifactDir   where image content is stored ({@code <data-dir>/artifacts})
 * @param maxImageBytes the largest image accepted (bytes, or a size such as {@code 2GB} = 2 GiB)
 */
@ConfigurationProperties("pitwall.catalog")
public record CatalogSettings(
        Path artifactDir, @DefaultValue("2GB") DataSize maxImageBytes) {

    public CatalogSettings {
        Objects.requireNonNull(artifactDir, "pitwall.catalog.artifact-dir must be set");
        if (maxImageBytes.toBytes() < 1) {
            throw new IllegalArgumentException("pitwall.catalog.max-image-bytes must be positive");
        }
    }

    public long maxBytes() {
        return maxImageBytes.toBytes();
    }
}
