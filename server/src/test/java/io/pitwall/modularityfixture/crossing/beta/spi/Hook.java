package io.pitwall.modularityfixture.crossing.beta.spi;

/** A hook other modules implement. */
public interface Hook {}
