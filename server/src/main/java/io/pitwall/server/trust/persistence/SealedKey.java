package io.pitwall.server.trust.persistence;

/**
 * A private key encrypted at rest (AES-256-GCM), and what is needed to find its key-encryption key.
 *
 * @param kekKind    {@code PASSPHRASE} (KEK derived from the passphrase with PBKDF2) or {@code FILE}
 *                   (KEK read from the KEK file)
 * @param salt       hex PBKDF2 salt ({@code null} for FILE)
 * @param iterations PBKDF2 iterations ({@code null} for FILE)
 * @param nonce      hex 96-bit GCM nonce
 * @param ciphertext base64 ciphertext and tag of the PKCS#8 private key
 */
public record SealedKey(String kekKind, String salt, Integer iterations, String nonce, String ciphertext) {}
