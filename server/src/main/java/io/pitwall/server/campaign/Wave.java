package io.pitwall.server.campaign;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A wave of a campaign as stored: its spec, where it stands, how many vehicles it assigned, and the last
 * gate verdict (the numbers and checks, and the failing vehicles when it failed).
 */
public record Wave(
        long campaignId,
        int number,
        WaveSpec spec,
        WaveStatus status,
        long assigned,
        OffsetDateTime activatedAt,
        OffsetDateTime decidedAt,
        String decidedBy,
        Map<String, Object> verdict,
        long version) {}
