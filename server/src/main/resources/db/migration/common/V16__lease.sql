-- Named leases: which server node drives a piece of background work (e.g. the campaign reconciler) until
-- when. The term grows on every change of holder and fences a node that lost its lease.
CREATE TABLE lease (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder     VARCHAR(128),
    term       BIGINT       NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
