package io.pitwall.agent.storage;

import io.pitwall.agent.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Trusted metadata as one file per name under a directory, each replaced atomically and fsync'd. */
final class FileMetadataStore implements MetadataStore {

    private final Path dir;

    FileMetadataStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public Optional<byte[]> read(String name) {
        Path file = file(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void write(String name, byte[] document) {
        Path file = file(name);
        try {
            Durable.replace(file, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void delete(String name) {
        Path file = file(name);
        try {
            if (Files.deleteIfExists(file)) {
                Durable.forceDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private Path file(String name) {
        if (!MetadataStore.validName(name)) {
            throw new IllegalArgumentException("not a metadata document name: " + name);
        }
        return dir.resolve(name);
    }
}
