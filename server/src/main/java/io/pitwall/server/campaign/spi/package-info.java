/**
 * What other modules implement for campaigns or call back into them: wave gate conditions and their checks
 * ({@link io.pitwall.server.campaign.spi.GateCondition}, the diagnostics module's fault regression), the cohorts
 * such a condition compares, which campaigns touched a vehicle recently, and the case counts release notes
 * report ({@link io.pitwall.server.campaign.spi.CaseCounts}, from the cases module).
 */
@org.springframework.modulith.NamedInterface("spi")
package io.pitwall.server.campaign.spi;
