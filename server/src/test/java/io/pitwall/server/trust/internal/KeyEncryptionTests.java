package io.pitwall.server.trust.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionTests {

    private static final byte[] SECRET = "an ed25519 private key in pkcs8".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "pitwall-signing-key:abc".getBytes(StandardCharsets.UTF_8);
    // Low iteration count keeps the unit test fast; TrustSettings enforces at least 100,000 in the server.
    private static final int ITERATIONS = 1_000;
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void withoutPassphraseSealsUnderAKekFileCreatedOnceOwnerOnly() throws Exception {
        Path kek = dir.resolve("keys/kek");
        var encryption = new KeyEncryption(null, new KekFile(kek, random), ITERATIONS, random);
        var sealed = encryption.seal(SECRET, AAD);

        assertThat(sealed.kekKind()).isEqualTo("FILE");
        assertThat(sealed.salt()).isNull();
        assertThat(Files.size(kek)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kek)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kek.getParent())))
                .isEqualTo("rwx------");
        byte[] kekBytes = Files.readAllBytes(kek);

        var again = new KeyEncryption(null, new KekFile(kek, random), ITERATIONS, random);
        again.seal(SECRET, AAD);
        assertThat(Files.readAllBytes(kek)).as("created once").isEqualTo(kekBytes);
        assertThat(again.open(sealed, AAD)).isEqualTo(SECRET);
    }

    @Test
    void withPassphraseDerivesTheKekFromARandomSaltAndOpensWithTheSamePassphrase() {
        var encryption =
                new KeyEncryption("correct horse", new KekFile(dir.resolve("kek"), random), ITERATIONS, random);
        var first = encryption.seal(SECRET, AAD);
        var second = encryption.seal(SECRET, AAD);

        assertThat(first.kekKind()).isEqualTo("PASSPHRASE");
        assertThat(first.iterations()).isEqualTo(ITERATIONS);
        assertThat(first.salt()).hasSize(32).isNotEqualTo(second.salt());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(Files.exists(dir.resolve("kek")))
                .as("no KEK file with a passphrase")
                .isFalse();
        var fresh = new KeyEncryption("correct horse", new KekFile(dir.resolve("kek"), random), ITERATIONS, random);
        assertThat(fresh.open(first, AAD)).isEqualTo(SECRET);
    }

    @Test
    void aWrongPassphraseIsReportedClearly() {
        var sealed = new KeyEncryption("correct horse", new KekFile(dir.resolve("kek"), random), ITERATIONS, random)
                .seal(SECRET, AAD);
        var wrong = new KeyEncryption("battery staple", new KekFile(dir.resolve("kek"), random), ITERATIONS, random);
        assertThatThrownBy(() -> wrong.open(sealed, AAD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PITWALL_KEY_PASSPHRASE");
        var none = new KeyEncryption(null, new KekFile(dir.resolve("kek"), random), ITERATIONS, random);
        assertThatThrownBy(() -> none.open(sealed, AAD)).hasMessageContaining("set PITWALL_KEY_PASSPHRASE");
    }

    @Test
    void aCiphertextOnlyOpensForTheKeyIdItWasSealedFor() {
        var encryption = new KeyEncryption(null, new KekFile(dir.resolve("kek"), random), ITERATIONS, random);
        var sealed = encryption.seal(SECRET, AAD);
        assertThatThrownBy(() -> encryption.open(sealed, "pitwall-signing-key:other".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void aMissingKekFileIsReportedClearly() throws Exception {
        Path kek = dir.resolve("kek");
        var sealed = new KeyEncryption(null, new KekFile(kek, random), ITERATIONS, random).seal(SECRET, AAD);
        Files.delete(kek);
        var encryption = new KeyEncryption(null, new KekFile(kek, random), ITERATIONS, random);
        assertThatThrownBy(() -> encryption.open(sealed, AAD)).hasMessageContaining("missing");
    }

    @Test
    void aKekFromTheEnvironmentSealsWithoutAnyFileAndOnlyItOpens() {
        byte[] kek = new byte[32];
        random.nextBytes(kek);
        var encryption = new KeyEncryption(null, kek, new KekFile(dir.resolve("kek"), random), ITERATIONS, random);
        var sealed = encryption.seal(SECRET, AAD);

        assertThat(sealed.kekKind()).isEqualTo("ENVIRONMENT");
        assertThat(sealed.salt()).isNull();
        assertThat(Files.exists(dir.resolve("kek")))
                .as("no KEK file with a KEK from the environment")
                .isFalse();
        assertThat(new KeyEncryption(null, kek.clone(), new KekFile(dir.resolve("kek"), random), ITERATIONS, random)
                        .open(sealed, AAD))
                .isEqualTo(SECRET);
        byte[] other = kek.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> new KeyEncryption(
                                null, other, new KekFile(dir.resolve("kek"), random), ITERATIONS, random)
                        .open(sealed, AAD))
                .hasMessageContaining("PITWALL_KEK");
        assertThatThrownBy(() -> new KeyEncryption(null, new KekFile(dir.resolve("kek"), random), ITERATIONS, random)
                        .open(sealed, AAD))
                .hasMessageContaining("set PITWALL_KEK");
        assertThatThrownBy(() -> new KeyEncryption(
                        null, new byte[16], new KekFile(dir.resolve("kek"), random), ITERATIONS, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
