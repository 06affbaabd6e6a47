-- The TUF image repository: every signed metadata file exactly as served (the bytes the snapshot and
-- timestamp hashes cover), one row per (role, version). Root rows are never deleted: clients walk the
-- N+1 chain from whatever root they hold. Targets, snapshot and timestamp versions only increase.
CREATE TABLE repository_metadata (
    role_name    VARCHAR(20)     NOT NULL,
    meta_version BIGINT          NOT NULL,
    body         VARCHAR(1000000) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (role_name, meta_version),
    CONSTRAINT repository_metadata_role_ck CHECK (role_name IN ('root', 'targets', 'snapshot', 'timestamp')),
    CONSTRAINT repository_metadata_version_ck CHECK (meta_version > 0)
);

-- Every change to the repository locks this row first (FOR UPDATE), so versions are assigned one at a
-- time across nodes; the re-signing job takes it with SKIP LOCKED and leaves the round to whoever holds it.
CREATE TABLE repository_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO repository_lock (id) VALUES (1);
