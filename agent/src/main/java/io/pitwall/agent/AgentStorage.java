package io.pitwall.agent;

import java.util.Optional;

/**
 * SPI: everything the agent keeps across restarts — the event journal, the staging area, its trusted
 * Uptane metadata, and one small progress document (which assignment, which ECU is in which step) that it rewrites atomically.
 * {@code io.pitwall.agent.storage} has a filesystem and an in-memory implementation.
 */
public interface AgentStorage {

    EventJournal journal();

    StagingArea staging();

    Optional<byte[]> readProgress();

    /** Replaces the progress document atomically and durably: after a crash either the old or the new one is read. */
    void writeProgress(byte[] document);

    /** The trusted Uptane metadata of both repositories and the last attested time. */
    MetadataStore metadata();
}
