package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.ArtifactStore;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.catalog.persistence.Releases;
import io.pitwall.server.inventory.FleetHardware;
import io.pitwall.server.trust.TrustedKeys;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the artifact store and the validation gate with its checks, in report order. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Bean
    ArtifactStore artifactStore(CatalogSettings settings) {
        return new FileSystemArtifactStore(settings.artifactDir());
    }

    @Bean
    ValidationGate validationGate(
            ArtifactStore store,
            TrustedKeys keys,
            Releases releases,
            Images images,
            FleetHardware fleet,
            CatalogSettings settings) {
        return new ValidationGate(List.of(
                new HashAndSizeCheck(store),
                new SignatureCheck(keys),
                new ReleaseCounterCheck(releases::newestPublishedCounter),
                new DependenciesCheck(fleet, images::validatedVersions),
                new CompatibilityCheck(fleet),
                new SizePolicyCheck(settings.maxBytes())));
    }
}
