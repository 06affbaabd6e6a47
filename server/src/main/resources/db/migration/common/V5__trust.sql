-- Signing keys. In development mode the server generates the image-targets key and stores its private half
-- encrypted (AES-256-GCM under a key-encryption key). active_slot is 1 for the ACTIVE key and NULL once
-- RETIRED: the unique constraint keeps one ACTIVE key per role (NULLs do not collide), portably.
CREATE TABLE signing_key (
    key_id                CHAR(64)     NOT NULL PRIMARY KEY,
    key_role              VARCHAR(40)  NOT NULL,
    key_mode              VARCHAR(20)  NOT NULL,
    status                VARCHAR(20)  NOT NULL,
    active_slot           SMALLINT,
    public_key            CHAR(64)     NOT NULL,
    kek_kind              VARCHAR(20)  NOT NULL,
    kdf_salt              VARCHAR(64),
    kdf_iterations        INT,
    nonce                 CHAR(24)     NOT NULL,
    encrypted_private_key VARCHAR(512) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at            TIMESTAMP WITH TIME ZONE,
    version               BIGINT       NOT NULL,
    CONSTRAINT signing_key_active_uq UNIQUE (key_role, active_slot),
    CONSTRAINT signing_key_slot_ck CHECK (active_slot = 1),
    CONSTRAINT signing_key_status_ck CHECK ((status = 'ACTIVE' AND active_slot = 1)
        OR (status = 'RETIRED' AND active_slot IS NULL))
);
