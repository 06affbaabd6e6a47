/**
 * What the trust module asks other modules for, so it depends on none of them: the catalog implements
 * {@link io.pitwall.server.trust.spi.RepositoryTargets} (the image repository's target list), the campaign module
 * implements {@link io.pitwall.server.trust.spi.DirectorTargets} (what each vehicle's ECUs should install).
 */
@org.springframework.modulith.NamedInterface("spi")
package io.pitwall.server.trust.spi;
