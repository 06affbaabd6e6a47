/**
 * Remote diagnostics: DTC reports from vehicles are normalized (UDS, J2012, OEM JSON) into fault
 * observations with the ECU's type and firmware at the time, malformed reports are kept and flagged, and the
 * current faults of a vehicle and fleet-wide counts are served with the data quality of each answer (also in
 * the SOVD shape). Versioned severity rule sets classify new observations
 * ({@link io.pitwall.server.diagnostics.FaultClassified}); a dry run shows what a rule set would have produced.
 * Every campaign wave gate carries the fault-regression check ({@link io.pitwall.server.diagnostics.FaultRegressions}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"access", "campaign", "campaign :: spi", "inventory", "privacy", "shared", "telemetry"})
package io.pitwall.server.diagnostics;
