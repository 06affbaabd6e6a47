package io.pitwall.modularityfixture.rules;

import org.springframework.util.Assert;

/** A lifecycle that depends on Spring. */
class SpringLifecycle {

    String next(String state) {
        Assert.hasText(state, "state");
        return state;
    }
}
