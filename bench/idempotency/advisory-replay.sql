-- A repeated key under the lock-based protocol: lock, find the stored result, end (nothing written).
\set k random(1, 100000)
BEGIN;
SELECT pg_try_advisory_xact_lock(hashtextextended('r' || :k, 0));
SELECT arguments_hmac, output, stored_at FROM devskyy_idempotency WHERE id = 'r' || :k;
COMMIT;
