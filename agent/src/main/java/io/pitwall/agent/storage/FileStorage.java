package io.pitwall.agent.storage;

import io.pitwall.agent.AgentStorage;
import io.pitwall.agent.EventJournal;
import io.pitwall.agent.MetadataStore;
import io.pitwall.agent.StagingArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's state under one directory: {@code events.journal}, {@code staging/}, {@code metadata/},
 * {@code progress.json}.
 * One agent per directory.
 */
public final class FileStorage implements AgentStorage, AutoCloseable {

    /** Acknowledged journal records tolerated before the journal file is compacted. */
    public static final int DEFAULT_COMPACT_AFTER = 256;

    private final Path progress;
    private final FileEventJournal journal;
    private final FileStagingArea staging;
    private final FileMetadataStore metadata;

    private FileStorage(Path dir, int compactAfter) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create agent directory " + dir, e);
        }
        this.progress = dir.resolve("progress.json");
        this.journal = FileEventJournal.open(dir.resolve("events.journal"), compactAfter);
        this.staging = new FileStagingArea(dir.resolve("staging"));
        this.metadata = new FileMetadataStore(dir.resolve("metadata"));
    }

    public static FileStorage open(Path dir) {
        return new FileStorage(dir, DEFAULT_COMPACT_AFTER);
    }

    public static FileStorage open(Path dir, int compactAfter) {
        return new FileStorage(dir, compactAfter);
    }

    @Override
    public EventJournal journal() {
        return journal;
    }

    @Override
    public StagingArea staging() {
        return staging;
    }

    @Override
    public Optional<byte[]> readProgress() {
        try {
            return Files.exists(progress) ? Optional.of(Files.readAllBytes(progress)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + progress, e);
        }
    }

    @Override
    public void writeProgress(byte[] document) {
        try {
            Durable.replace(progress, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + progress, e);
        }
    }

    @Override
    public MetadataStore metadata() {
        return metadata;
    }

    @Override
    public void close() {
        journal.close();
    }
}
