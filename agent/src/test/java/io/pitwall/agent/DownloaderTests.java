package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.agent.Downloader.Advanced;
import io.pitwall.agent.Downloader.Refused;
import io.pitwall.agent.Downloader.Verified;
import io.pitwall.agent.http.HttpTransport;
import io.pitwall.agent.storage.FileStagingArea;
import io.pitwall.protocol.device.EcuTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a real HTTP server in the test's JVM. */
class DownloaderTests {

    private final TestImages images = new TestImages();
    private final byte[] image = TestImages.bytes(2500, 1);
    private final EcuTarget target = images.target("BMS-1", "BMS-HW-7", "2.4.0", image, 5);
    private final FakeDeviceServer server;
    private final Transport transport;

    @TempDir
    Path dir;

    DownloaderTests() throws IOException {
        server = new FakeDeviceServer();
        transport = HttpTransport.builder(server.base(), TestImages.VIN, FakeDeviceServer.TOKEN)
                .readTimeout(java.time.Duration.ofMillis(300))
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FileStagingArea staging() {
        return new FileStagingArea(dir);
    }

    private Downloader downloader(long chunk) {
        return new Downloader(transport, staging(), chunk);
    }

    @Test
    void downloadsInChunksResumingWithRangeAndVerifiesAtTheEnd() throws IOException {
        server.artifact(image);
        Downloader downloader = downloader(1000);

        assertThat(downloader.step(target)).isEqualTo(new Advanced(1000, 2500));
        assertThat(downloader.step(target)).isEqualTo(new Advanced(2000, 2500));
        assertThat(downloader.step(target)).isEqualTo(new Verified());

        String url = target.downloadUrl();
        assertThat(server.requests)
                .containsExactly(
                        "HEAD " + url, "GET " + url, "GET " + url + " bytes=1000-", "GET " + url + " bytes=2000-");
        assertThat(Files.readAllBytes(dir.resolve(target.hashes().sha256() + ".part")))
                .isEqualTo(image);
    }

    @Test
    void resumesWhereTheConnectionDroppedInsteadOfStartingOver() throws IOException {
        server.artifact(image);
        server.mischief.set(FakeDeviceServer.Mischief.CUT_AFTER_700_BYTES);
        Downloader downloader = downloader(1 << 20);

        assertThatThrownBy(() -> downloader.step(target)).isInstanceOf(IOException.class);
        assertThat(staging().size(target.hashes().sha256())).isEqualTo(700);

        assertThat(downloader.step(target)).isEqualTo(new Verified());
        assertThat(server.requests).last().isEqualTo("GET " + target.downloadUrl() + " bytes=700-");
    }

    @Test
    void aStalledTransferTimesOutAndResumesLater() throws IOException {
        server.artifact(image);
        server.mischief.set(FakeDeviceServer.Mischief.STALL_AFTER_700_BYTES);
        Downloader downloader = downloader(1 << 20);

        assertThatThrownBy(() -> downloader.step(target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no data");
        assertThat(staging().size(target.hashes().sha256())).isEqualTo(700);

        assertThat(downloader.step(target)).isEqualTo(new Verified());
        assertThat(server.requests).last().isEqualTo("GET " + target.downloadUrl() + " bytes=700-");
    }

    @Test
    void aServerIgnoringTheRangeMakesItStartOverCleanly() throws IOException {
        server.artifact(image);
        Downloader downloader = downloader(1000);
        assertThat(downloader.step(target)).isEqualTo(new Advanced(1000, 2500));
        server.mischief.set(FakeDeviceServer.Mischief.IGNORE_RANGE);

        assertThat(downloader.step(target)).isEqualTo(new Advanced(1000, 2500));
        assertThat(downloader.step(target)).isEqualTo(new Advanced(1000, 2500));
        server.mischief.set(FakeDeviceServer.Mischief.NONE);
        downloader.step(target);
        assertThat(downloader.step(target)).isEqualTo(new Verified());
    }

    @Test
    void tamperedBytesAreRefusedWithHashMismatchAndNothingStaysStaged() throws IOException {
        byte[] tampered = image.clone();
        tampered[1234] ^= 1;
        server.artifactAs(target.hashes().sha256(), tampered);

        var step = downloader(1 << 20).step(target);

        assertThat(step).isInstanceOf(Refused.class);
        assertThat(((Refused) step).refusal().code()).isEqualTo(FailureCode.HASH_MISMATCH);
        assertThat(staging().size(target.hashes().sha256())).isZero();
    }

    @Test
    void aWrongSha512AloneIsEnoughToRefuse() throws IOException {
        server.artifact(image);
        var wrong512 = new io.pitwall.protocol.device.Hashes(target.hashes().sha256(), "0".repeat(128));
        var target512 = new EcuTarget(
                target.ecuSerial(),
                target.hardwareId(),
                target.targetPath(),
                target.version(),
                target.downloadUrl(),
                target.length(),
                wrong512,
                target.releaseCounter(),
                target.installType(),
                target.signedTarget());

        var step = downloader(1 << 20).step(target512);

        assertThat(((Refused) step).refusal())
                .isEqualTo(new Refusal(FailureCode.HASH_MISMATCH, "downloaded bytes do not hash to the signed sha512"));
    }

    @Test
    void aServerAnnouncingMoreBytesIsRefusedBeforeAnyAreRead() throws IOException {
        server.artifactAs(target.hashes().sha256(), Arrays.copyOf(image, 2600));

        var step = downloader(1 << 20).step(target);

        assertThat(((Refused) step).refusal().code()).isEqualTo(FailureCode.LENGTH_MISMATCH);
        assertThat(server.requests).containsExactly("HEAD " + target.downloadUrl());
    }

    @Test
    void extraBytesStreamedWithoutALengthAreRefused() throws IOException {
        server.artifactAs(target.hashes().sha256(), Arrays.copyOf(image, 2600));
        server.mischief.set(FakeDeviceServer.Mischief.STREAM_WITHOUT_LENGTH);

        var step = downloader(1 << 20).step(target);

        assertThat(((Refused) step).refusal())
                .isEqualTo(new Refusal(FailureCode.LENGTH_MISMATCH, "server sent more than the signed 2500 bytes"));
        assertThat(staging().size(target.hashes().sha256())).isZero();
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void endlessDataIsCutOffRightAfterTheSignedLength() throws IOException {
        server.artifactAs(target.hashes().sha256(), image);
        server.mischief.set(FakeDeviceServer.Mischief.ENDLESS);

        var step = downloader(1 << 20).step(target);

        assertThat(((Refused) step).refusal())
                .isEqualTo(new Refusal(FailureCode.LENGTH_MISMATCH, "server sent more than the signed 2500 bytes"));
        assertThat(staging().size(target.hashes().sha256())).isZero();
    }

    @Test
    void aMissingArtifactIsRefusedAndOtherErrorsAreRetried() throws IOException {
        var step = downloader(1 << 20).step(target);
        assertThat(((Refused) step).refusal().code()).isEqualTo(FailureCode.ARTIFACT_NOT_FOUND);

        server.artifact(image);
        server.failNextRequestsWith503 = 1;
        assertThatThrownBy(() -> downloader(1 << 20).step(target))
                .isInstanceOf(TransportException.class)
                .satisfies(e ->
                        assertThat(((TransportException) e).retryAfter()).hasValue(java.time.Duration.ofSeconds(1)));
        assertThat(downloader(1 << 20).step(target)).isEqualTo(new Verified());
    }
}
