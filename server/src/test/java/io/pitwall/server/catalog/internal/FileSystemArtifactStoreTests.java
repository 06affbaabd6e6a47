package io.pitwall.server.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.catalog.ArtifactTooLarge;
import io.pitwall.server.shared.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTests {

    @TempDir
    Path dir;

    @Test
    void storesUnderTheSha256AndComputesBothHashesWhileStreaming() throws Exception {
        var store = new FileSystemArtifactStore(dir);
        byte[] bytes = bytes(300_000);
        var stored = store.put(new ByteArrayInputStream(bytes), 1_000_000);

        assertThat(stored.length()).isEqualTo(300_000);
        assertThat(stored.sha256()).isEqualTo(hex("SHA-256", bytes));
        assertThat(stored.sha512()).isEqualTo(hex("SHA-512", bytes));
        assertThat(stored.created()).isTrue();
        Path file = dir.resolve(stored.sha256().substring(0, 2)).resolve(stored.sha256());
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(files(dir.resolve(".tmp"))).as("temp file moved away").isZero();
    }

    @Test
    void identicalContentIsStoredOnce() {
        var store = new FileSystemArtifactStore(dir);
        byte[] bytes = bytes(1000);
        store.put(new ByteArrayInputStream(bytes), 10_000);
        var again = store.put(new ByteArrayInputStream(bytes), 10_000);
        assertThat(again.created()).isFalse();
        assertThat(files(dir)).isEqualTo(1);
    }

    @Test
    void contentPastTheLimitIsRefusedAndLeavesNoFile() {
        var store = new FileSystemArtifactStore(dir);
        // Without a declared length, the limit is found while streaming.
        InputStream endless =
                new SequenceInputStream(new ByteArrayInputStream(bytes(4096)), new ByteArrayInputStream(bytes(4096)));
        assertThatThrownBy(() -> store.put(endless, 5000))
                .isInstanceOf(ArtifactTooLarge.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(413));
        assertThat(files(dir)).isZero();
        assertThat(store.put(new ByteArrayInputStream(bytes(5000)), 5000).length())
                .as("exactly the limit")
                .isEqualTo(5000);
    }

    @Test
    void aBrokenUploadIsAClientErrorAndLeavesNoFile() {
        var store = new FileSystemArtifactStore(dir);
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(bytes(100)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertThatThrownBy(() -> store.put(broken, 10_000))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("upload-interrupted"));
        assertThat(files(dir)).isZero();
    }

    @Test
    void opensFromAnOffsetForRangeReads() throws Exception {
        var store = new FileSystemArtifactStore(dir);
        byte[] bytes = bytes(1000);
        String sha256 = store.put(new ByteArrayInputStream(bytes), 10_000).sha256();

        try (var whole = store.open(sha256).orElseThrow()) {
            assertThat(whole.length()).isEqualTo(1000);
            assertThat(whole.stream().readAllBytes()).isEqualTo(bytes);
        }
        try (var tail = store.open(sha256, 900).orElseThrow()) {
            assertThat(tail.remaining()).isEqualTo(100);
            assertThat(tail.stream().readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 900, 1000));
        }
        assertThatThrownBy(() -> store.open(sha256, 1001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.open("0".repeat(64))).isEmpty();
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        store.delete(sha256);
        assertThat(store.exists(sha256)).isFalse();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static long files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
