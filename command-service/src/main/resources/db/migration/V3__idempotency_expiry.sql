-- Idempotency-Keys expire (ledger.idempotency.ttl, LEDGER_IDEMPOTENCY_TTL): an expired key is claimed again as new,
-- and a scheduled job deletes expired rows in bounded batches (by created_at, hence the index).
-- scope: whose namespace the key is in. Every key is in the empty scope until commands carry an account; then the
-- account's handle goes here, so two accounts using the same key never see each other's answers.
ALTER TABLE idempotency_key ADD COLUMN scope VARCHAR(200) NOT NULL DEFAULT '';
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_pkey PRIMARY KEY (scope, idempotency_key);
CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);
