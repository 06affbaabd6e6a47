package io.pitwall.simulator.fleet;

import java.util.List;
import java.util.random.RandomGenerator;

/** A choice and how often it is drawn relative to the others. */
public record Weighted<T>(T value, int weight) {

    public Weighted {
        if (value == null || weight < 1) {
            throw new IllegalArgumentException("a weighted choice needs a value and a positive weight");
        }
    }

    /** Draws one value, in proportion to the weights, with one draw from {@code random}. */
    public static <T> T pick(List<Weighted<T>> choices, RandomGenerator random) {
        int total = choices.stream().mapToInt(Weighted::weight).sum();
        int r = random.nextInt(total);
        for (Weighted<T> choice : choices) {
            r -= choice.weight();
            if (r < 0) {
                return choice.value();
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
