package io.pitwall.protocol.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SafeIntegersTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void findsTheFirstIntegerBeyondTwoToThe53AnywhereAndAcceptsTheLargestSafeOne() {
        assertThat(SafeIntegers.firstUnsafe(JSON.readTree("{\"version\": 9007199254740991, \"targets\": {\"a/b.bin\":"
                        + " {\"length\": -9007199254740991, \"custom\": {\"releaseCounter\": 7}}}}")))
                .isEmpty();
        assertThat(SafeIntegers.firstUnsafe(JSON.readTree("{\"version\": 3, \"targets\": {\"a/b.bin\": {\"custom\":"
                        + " {\"releaseCounter\": 9007199254740993}}}}")))
                .contains("/targets/a~1b.bin/custom/releaseCounter");
        assertThat(SafeIntegers.firstUnsafe(JSON.readTree("{\"list\": [1, -9007199254740992]}")))
                .contains("/list/1");
        assertThat(SafeIntegers.firstUnsafe(JSON.readTree("{\"n\": 123456789012345678901234567890}")))
                .contains("/n");
        assertThat(SafeIntegers.firstUnsafe(JSON.readTree("9007199254740992"))).contains("/");
        assertThat(SafeIntegers.safe(SafeIntegers.MAX)).isTrue();
        assertThat(SafeIntegers.safe(SafeIntegers.MAX + 1)).isFalse();
        assertThat(SafeIntegers.safe(-SafeIntegers.MAX - 1)).isFalse();
    }
}
