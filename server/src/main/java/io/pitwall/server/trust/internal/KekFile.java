package io.pitwall.server.trust.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The random 256-bit key-encryption key used when no passphrase is configured: created once, readable by
 * the owner only where the file system supports POSIX permissions. Whoever can read it and the database
 * can sign images, which is why its creation is logged as a warning.
 */
final class KekFile {

    private static final Logger log = LoggerFactory.getLogger(KekFile.class);
    private static final int KEY_BYTES = 32;
    private final Path path;
    private final SecureRandom random;

    KekFile(Path path, SecureRandom random) {
        this.path = path.toAbsolutePath().normalize();
        this.random = random;
    }

    Path path() {
        return path;
    }

    /** The KEK; fails when the file is missing or malformed. */
    byte[] load() {
        if (!Files.exists(path)) {
            throw new IllegalStateException(
                    "The signing key was encrypted with the KEK file " + path + ", which is missing");
        }
        try {
            byte[] key = Files.readAllBytes(path);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("The KEK file " + path + " does not hold a 256-bit key");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the KEK file " + path, e);
        }
    }

    /** The KEK, creating the file first when there is none. */
    synchronized byte[] loadOrCreate() {
        if (Files.exists(path)) {
            return load();
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
            Files.createDirectories(
                    path.getParent(),
                    posix
                            ? new FileAttribute<?>[] {
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                            }
                            : new FileAttribute<?>[0]);
            Path temp = Files.createTempFile(
                    path.getParent(),
                    ".kek-",
                    ".tmp",
                    posix
                            ? new FileAttribute<?>[] {
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                            }
                            : new FileAttribute<?>[0]);
            Files.write(temp, key);
            try {
                Files.move(temp, path);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
                return load();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the KEK file " + path, e);
        }
        log.warn(
                "No PITWALL_KEY_PASSPHRASE set: created a random key-encryption key at {} to encrypt the signing "
                        + "key. Anyone who can read this file and the database can sign images. Keep it owner-only and "
                        + "backed up with the database, or set PITWALL_KEY_PASSPHRASE. Development mode, not for production.",
                path);
        return key;
    }
}
