-- A token's request slots become advisory locks (tokens.ts): a request takes one of the keys
-- -(token_id * 128 + slot) - 1, slot < PACER_TOKEN_CONCURRENCY (at most 100), for the rest of its
-- transaction. Negative keys of the one-bigint key space are kept for these; Pacer's other
-- advisory locks use positive ones. Unlike the row lock on a token_slots row that it replaces, the
-- lock writes nothing: no WAL record and no dirtied page on every request. A process of an
-- earlier version still running against this database fails its requests (its table is gone):
-- stop them before starting this one.
DROP TRIGGER api_tokens_slots ON api_tokens;
DROP FUNCTION pacer_token_slots();
DROP TABLE token_slots;
