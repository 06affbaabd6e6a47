package io.pitwall.modularityfixture.crossing.beta;

/** Beta's root package API; declares no allowed dependencies of its own. */
public class Beta {}
