/**
 * Signing keys and the TUF 1.0 image repository served under {@code /repo/} ({@link
 * io.pitwall.server.trust.ImageRepository}). Development mode (the default, NOT FOR PRODUCTION): the server
 * holds root and targets keys and signs everything online; {@code ./pitwall keys} hands root and targets over
 * to offline keys. Snapshot and timestamp keys are online and re-signed before expiry. Other modules use
 * {@link io.pitwall.server.trust.TargetSigning}, {@link io.pitwall.server.trust.TrustedKeys} and
 * {@link io.pitwall.server.trust.ImageRepository}; the catalog supplies {@link io.pitwall.server.trust.spi.RepositoryTargets}.
 * The per-vehicle Uptane director repository ({@link io.pitwall.server.trust.DirectorRepository}, own online keys)
 * lists what the campaign module supplies through {@link io.pitwall.server.trust.spi.DirectorTargets}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "privacy", "shared"})
package io.pitwall.server.trust;
