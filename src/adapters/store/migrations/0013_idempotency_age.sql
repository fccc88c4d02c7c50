-- Idempotency keys are kept for a day (the engine's housekeeping deletes older ones): found by age.
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
