package io.pitwall.cli.keys;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How many root keys {@code keys init} and {@code keys sign-root} generate, and how many must sign. */
class RootKeyOptions {

    @Option(names = "--root-keys", defaultValue = "3", description = "Number of root keys (default 3).")
    int rootKeys;

    @Option(names = "--root-threshold", defaultValue = "2", description = "Root signatures required (default 2).")
    int rootThreshold;

    /** Refuses impossible counts; call it before anything is read or written. */
    void check() {
        if (rootThreshold < 1 || rootThreshold > rootKeys || rootKeys > 20) {
            throw new IllegalArgumentException("need 1 <= --root-threshold <= --root-keys <= 20");
        }
    }

    /** Fresh root keys of the image repository. */
    List<OfflineKey> generate() {
        return generate("root");
    }

    /** Fresh root keys for a key role ({@code root}, or {@code director-root} for the director repository). */
    List<OfflineKey> generate(String role) {
        check();
        List<OfflineKey> keys = new ArrayList<>();
        for (int i = 0; i < rootKeys; i++) {
            keys.add(OfflineKey.generate(role));
        }
        return keys;
    }
}
