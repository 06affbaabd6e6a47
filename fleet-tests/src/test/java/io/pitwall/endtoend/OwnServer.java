package io.pitwall.endtoend;

import io.pitwall.server.support.LocalServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet test's own server in a temporary data folder, stopped after each test. Each database variant of a test
 * (a nested {@code OnH2} or {@code OnPostgres}) says which server to start.
 */
abstract class OwnServer {

    @TempDir
    Path dir;

    LocalServer server;

    /** The server of this database variant, not started yet. */
    abstract LocalServer server(Path dataDir);

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
