package io.pitwall.agent;

/** Why an image was refused: a stable code and a human-readable detail. */
record Refusal(FailureCode code, String detail) {}
