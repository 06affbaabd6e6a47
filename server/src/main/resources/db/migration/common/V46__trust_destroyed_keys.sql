-- A server key that a published root no longer lists is destroyed: its private half (ciphertext, nonce and KDF
-- parameters) is removed, the row stays as the public record of the key (status RETIRED, destroyed_at set).
ALTER TABLE signing_key ADD COLUMN destroyed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE signing_key ALTER COLUMN nonce DROP NOT NULL;
ALTER TABLE signing_key ALTER COLUMN encrypted_private_key DROP NOT NULL;
ALTER TABLE signing_key ADD CONSTRAINT signing_key_destroyed_ck CHECK (
    (destroyed_at IS NULL AND nonce IS NOT NULL AND encrypted_private_key IS NOT NULL)
    OR (destroyed_at IS NOT NULL AND status = 'RETIRED' AND nonce IS NULL AND encrypted_private_key IS NULL
        AND kdf_salt IS NULL AND kdf_iterations IS NULL));
