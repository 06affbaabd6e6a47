package io.pitwall.server.campaign;

/**
 * How a wave picks its vehicles among the campaign's eligible ones not in an earlier wave: vehicles with
 * a tag ({@code TAG}), an explicit VIN list ({@code VINS}), an RSQL filter ({@code FILTER}), a percentage
 * of the vehicles still left ({@code PERCENT}, lowest VINs first, so a plan is repeatable), or all of them
 * ({@code REST}).
 */
public enum WaveKind {
    TAG,
    VINS,
    FILTER,
    PERCENT,
    REST
}
