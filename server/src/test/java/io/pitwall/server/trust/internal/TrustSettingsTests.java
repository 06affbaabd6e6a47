package io.pitwall.server.trust.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrustSettingsTests {

    @Test
    void refusesAWeakIterationCount() {
        assertThatThrownBy(() -> new TrustSettings(null, Path.of("kek"), 99_999))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kdf-iterations");
        assertThat(new TrustSettings(null, Path.of("kek"), 100_000).hasPassphrase()).isFalse();
    }

    @Test
    void neverPrintsThePassphrase() {
        var settings = new TrustSettings("correct horse battery", Path.of("kek"), 600_000);
        assertThat(settings.hasPassphrase()).isTrue();
        assertThat(settings.toString()).doesNotContain("horse").contains("(set)");
    }
}
