-- A repeated key under the claim-row protocol: the claim conflicts, then the stored result is read.
\set k random(1, 100000)
INSERT INTO claimed_idempotency (id, tool, arguments_hmac, lease_until)
    VALUES ('r' || :k, 'file_hash', 'hmac', now() + interval '1 hour')
    ON CONFLICT (id) DO NOTHING RETURNING id;
SELECT arguments_hmac, output, stored_at, lease_until FROM claimed_idempotency WHERE id = 'r' || :k;
