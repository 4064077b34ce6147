-- What PostgresIdempotency does for a new key: one transaction holding a transaction-scoped
-- advisory lock on the entry while the tool runs (\sleep), the lookup, the upsert, the expiry sweep.
\set k random(1, 2000000000)
BEGIN;
SELECT pg_try_advisory_xact_lock(hashtextextended('e' || :k, 0));
SELECT arguments_hmac, output, stored_at FROM devskyy_idempotency WHERE id = 'e' || :k;
\sleep :tool_us us
INSERT INTO devskyy_idempotency (id, tool, arguments_hmac, output, stored_at)
    VALUES ('e' || :k, 'file_hash', 'hmac', '{"text":"x","structuredContent":{"sha256":"00"}}', now())
    ON CONFLICT (id) DO UPDATE SET arguments_hmac = excluded.arguments_hmac, output = excluded.output,
    stored_at = excluded.stored_at;
DELETE FROM devskyy_idempotency WHERE stored_at < now() - interval '24 hours';
COMMIT;
