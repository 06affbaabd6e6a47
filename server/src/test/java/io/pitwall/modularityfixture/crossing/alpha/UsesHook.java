package io.pitwall.modularityfixture.crossing.alpha;

import io.pitwall.modularityfixture.crossing.beta.spi.Hook;

/** Uses what alpha declares: beta's {@code spi}. */
public class UsesHook implements Hook {}
