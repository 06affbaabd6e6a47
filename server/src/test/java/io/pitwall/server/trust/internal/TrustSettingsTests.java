package io.pitwall.server.trust.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrustSettingsTests {

    @Test
    void refusesAWeakIterationCount() {
        assertThatThrownBy(() -> new TrustSettings(null, null, Path.of("kek"), 99_999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kdf-iterations");
        assertThat(new TrustSettings(null, null, Path.of("kek"), 100_000).hasPassphrase())
                .isFalse();
    }

    @Test
    void neverPrintsThePassphrase() {
        var settings = new TrustSettings("correct horse battery", null, Path.of("kek"), 600_000);
        assertThat(settings.hasPassphrase()).isTrue();
        assertThat(settings.toString()).doesNotContain("horse").contains("(set)");
    }

    @Test
    void aKekFromTheEnvironmentMustBe256BitsOfBase64NeverPrintedAndNotBesideAPassphrase() {
        String kek = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        var settings = new TrustSettings(null, kek, Path.of("kek"), 600_000);
        assertThat(settings.kekBytes()).hasSize(32);
        assertThat(settings.toString()).doesNotContain(kek).contains("kek=(set)");
        assertThat(new TrustSettings(null, " ", Path.of("kek"), 600_000).kekBytes())
                .isNull();
        assertThatThrownBy(() -> new TrustSettings(null, "not base64!", Path.of("kek"), 600_000))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> new TrustSettings(
                        null, java.util.Base64.getEncoder().encodeToString(new byte[16]), Path.of("kek"), 600_000))
                .hasMessageContaining("256-bit");
        assertThatThrownBy(() -> new TrustSettings("correct horse battery", kek, Path.of("kek"), 600_000))
                .hasMessageContaining("not both");
    }
}
