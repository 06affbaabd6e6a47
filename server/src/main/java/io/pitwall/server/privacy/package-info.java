/**
 * Privacy: every stored column of vehicle data has a {@link io.pitwall.server.privacy.DataClass} in the
 * {@link io.pitwall.server.privacy.DataCatalogue}; retention per class is enforced by a scheduled purge; one
 * vehicle's personal data can be exported and erased ({@link io.pitwall.server.privacy.PersonalDataRequests}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "shared"})
package io.pitwall.server.privacy;
