-- The alternative: INSERT ... ON CONFLICT DO NOTHING claims the key (committed at once, so other
-- instances see it), the tool runs with no transaction open, then the result is stored and the
-- sweep runs in a second transaction. A claim left by a killed instance blocks its key until
-- lease_until, which the lock-based protocol does not need.
\set k random(1, 2000000000)
INSERT INTO claimed_idempotency (id, tool, arguments_hmac, lease_until)
    VALUES ('e' || :k, 'file_hash', 'hmac', now() + interval '1 hour')
    ON CONFLICT (id) DO NOTHING RETURNING id;
\sleep :tool_us us
BEGIN;
UPDATE claimed_idempotency SET output = '{"text":"x","structuredContent":{"sha256":"00"}}', stored_at = now()
    WHERE id = 'e' || :k;
DELETE FROM claimed_idempotency WHERE stored_at < now() - interval '24 hours';
COMMIT;
