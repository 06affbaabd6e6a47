package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.ArtifactContent;
import io.pitwall.server.catalog.ArtifactStore;
import io.pitwall.server.catalog.ArtifactTooLarge;
import io.pitwall.server.catalog.StoredArtifact;
import io.pitwall.server.shared.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@link ArtifactStore} on a file system: {@code <dir>/ab/abcd…} by SHA-256, written to
 * {@code <dir>/.tmp/} first, flushed to disk, then moved into place atomically.
 */
public class FileSystemArtifactStore implements ArtifactStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 64 * 1024;
    private final Path root;
    private final Path temp;

    public FileSystemArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.temp = this.root.resolve(".tmp");
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the artifact directory " + temp, e);
        }
    }

    @Override
    public StoredArtifact put(InputStream content, long maxBytes) {
        Path part = null;
        try {
            part = Files.createTempFile(temp, "upload-", ".part");
            var digests = new ContentDigests();
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                for (int n = read(content, buffer); n >= 0; n = read(content, buffer)) {
                    if (digests.length() + n > maxBytes) {
                        throw new ArtifactTooLarge(maxBytes);
                    }
                    digests.update(buffer, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
                out.force(true);
            }
            String sha256 = digests.sha256();
            Path target = pathOf(sha256);
            if (Files.exists(target)) {
                return new StoredArtifact(sha256, digests.sha512(), digests.length(), false);
            }
            Files.createDirectories(target.getParent());
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            return new StoredArtifact(sha256, digests.sha512(), digests.length(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the artifact", e);
        } finally {
            deleteQuietly(part);
        }
    }

    @Override
    public Optional<ArtifactContent> open(String sha256, long offset) {
        Path path = pathOf(sha256);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            long length = channel.size();
            if (offset < 0 || offset > length) {
                channel.close();
                throw new IllegalArgumentException("offset " + offset + " is outside 0.." + length);
            }
            channel.position(offset);
            return Optional.of(new ArtifactContent(Channels.newInputStream(channel), length, offset));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open artifact " + sha256, e);
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public void delete(String sha256) {
        deleteQuietly(pathOf(sha256));
    }

    private Path pathOf(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Reads from the caller's stream; a failure there is the client's upload breaking, not our disk. */
    private static int read(InputStream content, byte[] buffer) {
        try {
            return content.read(buffer);
        } catch (IOException e) {
            throw new ApiException(
                    400,
                    "upload-interrupted",
                    "Reading the uploaded content failed: the upload was interrupted or malformed");
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover temp file is harmless; the next start does not depend on it.
        }
    }
}
