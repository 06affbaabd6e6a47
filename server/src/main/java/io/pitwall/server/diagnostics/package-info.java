/**
 * Remote diagnostics: DTC reports from vehicles are normalized (UDS, J2012, OEM JSON) into fault
 * observations with the ECU's type and firmware at the time, malformed reports are kept and flagged, and the
 * current faults of a vehicle and fleet-wide counts are served with the data quality of each answer (also in
 * the SOVD shape); remote diagnostic commands are requested, approved and delivered at check-in.
 */
package io.pitwall.server.diagnostics;
