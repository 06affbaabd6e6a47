package io.pitwall.modularityfixture.crossing.alpha;

import io.pitwall.modularityfixture.crossing.beta.Beta;

/** Uses beta's root package, which alpha does not declare. */
public class UsesRoot {

    public Beta beta() {
        return new Beta();
    }
}
