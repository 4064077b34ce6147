-- devskyy's shared state, version 1: what every instance behind a load balancer must agree on.
-- Applied by `devskyy state migrate`, in one transaction with its version row.

-- One secret per installation: it names idempotency entries and keys the audit log's fingerprints
-- of arguments (HMAC-SHA256), so every instance must hold the same one.
CREATE TABLE devskyy_installation (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    secret bytea NOT NULL CHECK (octet_length(secret) = 32)
);

-- Results of calls made with an idempotency key; id is an HMAC of (tool, key, caller scope).
CREATE TABLE devskyy_idempotency (
    id text PRIMARY KEY,
    tool text NOT NULL,
    arguments_hmac text NOT NULL,
    output jsonb NOT NULL,
    stored_at timestamptz NOT NULL
);
CREATE INDEX devskyy_idempotency_stored_at ON devskyy_idempotency (stored_at);

-- The audit log: one row per call, appended, never changed; each line as devskyy wrote it (json,
-- not jsonb, keeps its text and field order: `devskyy state audit` prints it as the audit file holds it).
CREATE TABLE devskyy_audit (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    line json NOT NULL
);
CREATE FUNCTION devskyy_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'devskyy_audit is append-only';
END
$$;
CREATE TRIGGER devskyy_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON devskyy_audit
    FOR EACH STATEMENT EXECUTE FUNCTION devskyy_audit_append_only();

-- Calls per actor per minute, counted by every instance together.
CREATE TABLE devskyy_rate (
    actor text NOT NULL,
    window_start timestamptz NOT NULL,
    calls integer NOT NULL,
    PRIMARY KEY (actor, window_start)
);
