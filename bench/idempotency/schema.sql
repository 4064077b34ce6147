-- devskyy's own tables come from its migration (V1__shared_state.sql, applied first); this adds the
-- table a claim-row protocol needs: a row inserted first with a lease, so that a killed instance's
-- claim ends when the lease does.
CREATE TABLE claimed_idempotency (
    id text PRIMARY KEY,
    tool text NOT NULL,
    arguments_hmac text NOT NULL,
    output jsonb,
    lease_until timestamptz NOT NULL,
    stored_at timestamptz
);
CREATE INDEX claimed_idempotency_stored_at ON claimed_idempotency (stored_at);
-- Entries already stored, for the replay case.
INSERT INTO devskyy_idempotency SELECT 'r' || i, 'file_hash', 'hmac', '{"text":"x","structuredContent":{"sha256":"00"}}', now()
    FROM generate_series(1, 100000) i;
INSERT INTO claimed_idempotency SELECT 'r' || i, 'file_hash', 'hmac', '{"text":"x","structuredContent":{"sha256":"00"}}',
    now() + interval '1 hour', now() FROM generate_series(1, 100000) i;
ANALYZE;
