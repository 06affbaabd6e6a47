package io.pitwall.agent;

import java.util.Optional;

/**
 * SPI: the agent's trusted TUF/Uptane metadata, one small document per name (e.g. {@code director.root.json},
 * {@code image.timestamp.json}, {@code time.json}). Names are lower-case letters, digits, dots and dashes; a
 * write replaces the document atomically and durably, so after a crash the old or the new one is read.
 */
public interface MetadataStore {

    Optional<byte[]> read(String name);

    void write(String name, byte[] document);

    void delete(String name);

    /** Whether {@code name} is a legal document name (nothing that could leave the store's directory). */
    static boolean validName(String name) {
        return name != null && name.length() <= 200 && name.matches("[a-z0-9][a-z0-9.-]*") && !name.contains("..");
    }
}
