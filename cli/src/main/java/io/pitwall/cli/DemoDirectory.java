package io.pitwall.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The demo's data directory, wiped at every start. A marker file proves the demo made it: a directory
 * with content but without the marker (someone's real data, a typo such as {@code --data-dir .}) is
 * refused instead of deleted.
 */
final class DemoDirectory {

    static final String MARKER = ".pitwall-demo";
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private DemoDirectory() {}

    static Path wipe(Path given, CommandLine commandLine) {
        Path dir = given.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(dir)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(dir.resolve(MARKER))) {
                    throw new CommandLine.ParameterException(
                            commandLine,
                            dir + " is not empty and was not created by "
                                    + "the demo; refusing to wipe it (choose another --data-dir)");
                }
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "Created by ./pitwall demo; wiped at every demo start.\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A fresh password for the demo's admin, printed for the user. */
    static String newPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder("demo-");
        for (int i = 0; i < 12; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
