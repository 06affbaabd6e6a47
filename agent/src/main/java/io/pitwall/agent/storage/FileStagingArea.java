package io.pitwall.agent.storage;

import io.pitwall.agent.StagingArea;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** One {@code <sha256>.part} file per image under a directory; closing an append stream fsyncs it. */
public final class FileStagingArea implements StagingArea {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path dir;

    public FileStagingArea(Path dir) {
        this.dir = dir;
    }

    @Override
    public long size(String sha256) throws IOException {
        Path file = file(sha256);
        return Files.exists(file) ? Files.size(file) : 0;
    }

    @Override
    public OutputStream append(String sha256) throws IOException {
        Files.createDirectories(dir);
        FileOutputStream out = new FileOutputStream(file(sha256).toFile(), true);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try (out) {
                    out.getChannel().force(false);
                }
            }
        };
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(file(sha256));
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(file(sha256));
    }

    private Path file(String sha256) {
        // The name comes from the server: refuse anything that is not a digest, so it cannot escape the directory.
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return dir.resolve(sha256 + ".part");
    }
}
