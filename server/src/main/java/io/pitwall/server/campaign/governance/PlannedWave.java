package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.WaveKind;

/**
 * A wave as a dry run sizes it: how many of the eligible vehicles it would take, given what the waves
 * before it took (a percentage of what they left, lowest VINs first, like the start).
 */
public record PlannedWave(int number, String name, WaveKind kind, long size) {

    public PlannedWave {
        if (size < 0) {
            throw new IllegalArgumentException("A wave's size is not negative");
        }
    }
}
