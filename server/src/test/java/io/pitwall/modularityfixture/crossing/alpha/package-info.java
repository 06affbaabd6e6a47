/** Allowed to use only beta's {@code spi} named interface, not beta's root package. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "beta :: spi")
package io.pitwall.modularityfixture.crossing.alpha;
