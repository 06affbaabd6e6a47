@org.springframework.modulith.NamedInterface("spi")
package io.pitwall.modularityfixture.crossing.beta.spi;
