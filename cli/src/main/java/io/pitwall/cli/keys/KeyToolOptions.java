package io.pitwall.cli.keys;

import java.io.Console;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every {@code keys} command shares: the key directory, the server, credentials, the passphrase. */
class KeyToolOptions {

    @Option(
            names = "--dir",
            required = true,
            paramLabel = "DIR",
            description = "Directory with the offline key files (created by keys init; keep it offline).")
    Path dir;

    @Option(
            names = "--server",
            required = true,
            paramLabel = "URL",
            description = "Pitwall server, e.g. http://127.0.0.1:8080")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token with keys:manage (or PITWALL_TOKEN).")
    String token;

    @Option(names = "--user", paramLabel = "USER", description = "Operator with keys:manage (instead of a token).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Password of --user.")
    String password;

    @Option(
            names = "--passphrase-file",
            paramLabel = "FILE",
            description = "Read the key passphrase from this file (first line) instead of PITWALL_KEY_PASSPHRASE.")
    Path passphraseFile;

    @Option(names = "--kdf-iterations", hidden = true, defaultValue = "600000")
    int kdfIterations;

    RepositoryApi api() {
        String t = token != null ? token : System.getenv("PITWALL_TOKEN");
        if (t == null && (user == null || password == null)) {
            throw new IllegalArgumentException("give --token T (or PITWALL_TOKEN), or --user U with --password P");
        }
        if (!server.startsWith("http://") && !server.startsWith("https://")) {
            throw new IllegalArgumentException("--server must be an http(s) URL");
        }
        return new RepositoryApi(server, t, user, password);
    }

    /** --passphrase-file, else PITWALL_KEY_PASSPHRASE, else a prompt on the console; at least 12 characters. */
    char[] passphrase() throws java.io.IOException {
        String env = passphraseFile != null
                ? java.nio.file.Files.readAllLines(passphraseFile).get(0)
                : System.getenv("PITWALL_KEY_PASSPHRASE");
        char[] passphrase = env != null && !env.isEmpty() ? env.toCharArray() : null;
        if (passphrase == null) {
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException(
                        "set PITWALL_KEY_PASSPHRASE or run in a terminal to be asked for it");
            }
            passphrase = console.readPassword("Passphrase for the offline keys: ");
        }
        if (passphrase == null || passphrase.length < 12) {
            throw new IllegalArgumentException("the key passphrase must have at least 12 characters");
        }
        if (kdfIterations < 100_000) {
            throw new IllegalArgumentException("--kdf-iterations must be at least 100000");
        }
        return passphrase;
    }
}
