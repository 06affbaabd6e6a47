package io.pitwall.cli.keys;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.TufKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An offline Ed25519 key in a file {@code <role>-<keyid prefix>.key.json}, readable by the owner only: the
 * TUF public key object plus the PKCS#8 private key encrypted with AES-256-GCM under
 * PBKDF2-HMAC-SHA256(passphrase, random salt); the keyid is the associated data, so a ciphertext moved
 * into another key's file does not open.
 */
record OfflineKey(String role, TufKey publicKey, PrivateKey privateKey) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    static OfflineKey generate(String role) {
        KeyPair pair = Ed25519.generate();
        return new OfflineKey(role, TufKey.of(pair.getPublic()), pair.getPrivate());
    }

    Path write(Path dir, char[] passphrase, int iterations) throws IOException {
        byte[] salt = random(16);
        byte[] nonce = random(12);
        byte[] pkcs8 = privateKey.getEncoded();
        byte[] ciphertext;
        try {
            ciphertext = cipher(Cipher.ENCRYPT_MODE, kek(passphrase, salt, iterations), nonce, pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        ObjectNode file = JSON.createObjectNode();
        file.put("role", role).put("keyid", publicKey.keyId()).set("key", publicKey.toJson());
        file.putObject("encryption")
                .put("kdf", "PBKDF2-HMAC-SHA256")
                .put("iterations", iterations)
                .put("salt", HexFormat.of().formatHex(salt))
                .put("cipher", "AES-256-GCM")
                .put("nonce", HexFormat.of().formatHex(nonce));
        file.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        Path path = dir.resolve(role + "-" + publicKey.keyId().substring(0, 12) + ".key.json");
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createFile(
                path,
                posix
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0]);
        Files.write(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
        return path;
    }

    /** Every key of a role in the directory, decrypted with the passphrase. */
    static List<OfflineKey> readAll(Path dir, String role, char[] passphrase) throws IOException {
        List<OfflineKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path path : files.filter(p -> p.getFileName().toString().startsWith(role + "-")
                            && p.getFileName().toString().endsWith(".key.json"))
                    .sorted()
                    .toList()) {
                keys.add(read(path, passphrase));
            }
        }
        return keys;
    }

    static OfflineKey read(Path path, char[] passphrase) throws IOException {
        JsonNode file = JSON.readTree(Files.readAllBytes(path));
        TufKey key = TufKey.fromJson(file.get("key"));
        JsonNode enc = file.get("encryption");
        byte[] kek = kek(
                passphrase,
                HexFormat.of().parseHex(enc.get("salt").asString()),
                enc.get("iterations").asInt());
        byte[] pkcs8;
        try {
            pkcs8 = cipher(
                    Cipher.DECRYPT_MODE,
                    kek,
                    HexFormat.of().parseHex(enc.get("nonce").asString()),
                    Base64.getDecoder().decode(file.get("ciphertext").asString()),
                    key.keyId());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot decrypt " + path + ": wrong passphrase or altered file");
        }
        return new OfflineKey(file.get("role").asString(), key, Ed25519.privateKey(pkcs8));
    }

    private byte[] cipher(int mode, byte[] kek, byte[] nonce, byte[] input) {
        return cipher(mode, kek, nonce, input, publicKey.keyId());
    }

    private static byte[] cipher(int mode, byte[] kek, byte[] nonce, byte[] input, String keyId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private static byte[] kek(char[] passphrase, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(passphrase, salt, iterations, 256))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
