package io.pitwall.server.trust.internal;

import io.pitwall.server.trust.persistence.SealedKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest with AES-256-GCM under a key-encryption key (KEK). With a passphrase the
 * KEK is PBKDF2-HMAC-SHA256(passphrase, random per-key salt, many iterations); else the 256-bit key given in
 * the environment ({@code PITWALL_KEK}, e.g. from a secrets manager, never written to disk); else the 256-bit
 * random key in the {@link KekFile}. The associated data binds a ciphertext to its key id, so a
 * ciphertext moved to another row does not decrypt. Plain Java, so tests can run it directly.
 */
final class KeyEncryption {

    static final String PASSPHRASE = "PASSPHRASE";
    static final String FILE = "FILE";
    static final String ENVIRONMENT = "ENVIRONMENT";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final char[] passphrase;
    private final KekFile kekFile;
    private final byte[] environmentKek;
    private final int iterations;
    private final SecureRandom random;
    // PBKDF2 is deliberately slow; derive each (salt, iterations) once per process.
    private final Map<String, byte[]> derived = new ConcurrentHashMap<>();

    KeyEncryption(String passphrase, KekFile kekFile, int iterations, SecureRandom random) {
        this(passphrase, null, kekFile, iterations, random);
    }

    /** @param environmentKek the 256-bit KEK from the environment, or null */
    KeyEncryption(String passphrase, byte[] environmentKek, KekFile kekFile, int iterations, SecureRandom random) {
        this.passphrase = passphrase == null || passphrase.isBlank() ? null : passphrase.toCharArray();
        if (environmentKek != null && environmentKek.length != 32) {
            throw new IllegalArgumentException("the key-encryption key (PITWALL_KEK) must be 256 bits, base64");
        }
        this.environmentKek = environmentKek == null ? null : environmentKek.clone();
        this.kekFile = kekFile;
        this.iterations = iterations;
        this.random = random;
    }

    /** Which KEK new keys are sealed under. */
    String kind() {
        return passphrase != null ? PASSPHRASE : environmentKek != null ? ENVIRONMENT : FILE;
    }

    SealedKey seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = bytes(NONCE_BYTES);
        String salt = passphrase != null ? HexFormat.of().formatHex(bytes(16)) : null;
        Integer rounds = passphrase != null ? iterations : null;
        byte[] kek = passphrase != null
                ? derive(salt, rounds)
                : environmentKek != null ? environmentKek : kekFile.loadOrCreate();
        byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, kek, nonce, associatedData, plaintext);
        return new SealedKey(
                kind(),
                salt,
                rounds,
                HexFormat.of().formatHex(nonce),
                Base64.getEncoder().encodeToString(ciphertext));
    }

    /**
     * @throws IllegalStateException naming the likely cause when the configured KEK does not open the key
     */
    byte[] open(SealedKey sealed, byte[] associatedData) {
        byte[] kek;
        if (PASSPHRASE.equals(sealed.kekKind())) {
            if (passphrase == null) {
                throw new IllegalStateException("The signing key was encrypted with a passphrase; "
                        + "set PITWALL_KEY_PASSPHRASE (pitwall.trust.key-passphrase)");
            }
            kek = derive(sealed.salt(), sealed.iterations());
        } else if (ENVIRONMENT.equals(sealed.kekKind())) {
            if (environmentKek == null) {
                throw new IllegalStateException("The signing key was encrypted with the key-encryption key from the "
                        + "environment; set PITWALL_KEK (pitwall.trust.kek)");
            }
            kek = environmentKek;
        } else if (FILE.equals(sealed.kekKind())) {
            kek = kekFile.load();
        } else {
            throw new IllegalStateException("Unknown key-encryption kind " + sealed.kekKind());
        }
        try {
            return cipher(
                    Cipher.DECRYPT_MODE,
                    kek,
                    HexFormat.of().parseHex(sealed.nonce()),
                    associatedData,
                    Base64.getDecoder().decode(sealed.ciphertext()));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof AEADBadTagException) {
                throw new IllegalStateException(
                        "The signing key cannot be decrypted: the key-encryption key does not "
                                + "match (was PITWALL_KEY_PASSPHRASE or PITWALL_KEK changed, or the KEK file replaced?), or the stored key "
                                + "was altered",
                        e.getCause());
            }
            throw e;
        }
    }

    private byte[] derive(String saltHex, int rounds) {
        return derived.computeIfAbsent(saltHex + ":" + rounds, k -> {
            try {
                var spec = new PBEKeySpec(passphrase, HexFormat.of().parseHex(saltHex), rounds, 256);
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(spec)
                        .getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
            }
        });
    }

    private static byte[] cipher(int mode, byte[] kek, byte[] nonce, byte[] associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
