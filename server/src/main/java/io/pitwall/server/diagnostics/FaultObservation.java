package io.pitwall.server.diagnostics;

import java.time.Instant;

/**
 * One normalized fault as severity rules see it: a code a vehicle's ECU reported at a time.
 *
 * @param ecuType         the inventory's ECU type name, {@code null} when the ECU is unknown
 * @param code            the J2012 code without failure type ({@code P0A80})
 * @param displayCode     with failure type where reported ({@code P0A80-1B})
 * @param statusMask      the UDS status byte, {@code null} when the format carries none
 */
public record FaultObservation(
        String vin,
        String ecuSerial,
        String ecuType,
        String firmwareVersion,
        String code,
        String displayCode,
        Integer statusMask,
        Instant occurredAt) {}
