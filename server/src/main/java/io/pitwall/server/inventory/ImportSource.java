package io.pitwall.server.inventory;

import java.io.IOException;

/**
 * A stream of vehicles to import, read lazily so that an import of any size runs in bounded memory.
 * The wire formats (JSON Lines, CSV) implement it at the web edge.
 */
public interface ImportSource {

    /** The next vehicle, or {@code null} at the end of the input. */
    ImportLine next() throws IOException;

    /** The format's name for the audit trail, e.g. {@code ndjson}. */
    String format();
}
