package io.pitwall.server.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Operator passwords are bcrypt at the configured cost, and only bcrypt hashes sign anyone in. */
class PasswordEncoderTests {

    private static AccessSettings cost(Integer cost) {
        return new AccessSettings(null, null, cost);
    }

    @Test
    void newHashesUseTheConfiguredCostAndTheDefaultIsTen() {
        var configuration = new SecurityConfiguration();
        assertThat(configuration.passwordEncoder(cost(5)).encode("secret")).startsWith("{bcrypt}$2a$05$");
        assertThat(configuration.passwordEncoder(cost(null)).encode("secret")).startsWith("{bcrypt}$2a$10$");
    }

    @Test
    void aHashOfAnotherCostStillMatches() {
        var configuration = new SecurityConfiguration();
        String stored = configuration.passwordEncoder(cost(10)).encode("secret");
        var encoder = configuration.passwordEncoder(cost(4));
        assertThat(encoder.matches("secret", stored)).isTrue();
        assertThat(encoder.matches("wrong", stored)).isFalse();
    }

    @Test
    void aStoredHashOfAnotherKindSignsNobodyIn() {
        var encoder = new SecurityConfiguration().passwordEncoder(cost(4));
        assertThat(encoder.matches("secret", "{noop}secret")).isFalse();
        assertThat(encoder.matches("secret", "secret")).isFalse();
    }

    @Test
    void aCostOutsideBcryptsRangeIsRefusedAtStartUp() {
        assertThatThrownBy(() -> cost(3)).hasMessageContaining("4 to 31");
        assertThatThrownBy(() -> cost(32)).hasMessageContaining("4 to 31");
    }
}
