-- What each executor's process uses, as its last heartbeat reported it (null until then), and a
-- remote worker's URL. Rows of executors that stopped are deleted after a retention.
ALTER TABLE executors ADD COLUMN address VARCHAR(512);
ALTER TABLE executors ADD COLUMN cpu_percent DOUBLE PRECISION;
ALTER TABLE executors ADD COLUMN memory_bytes BIGINT;
ALTER TABLE executors ADD COLUMN processes INTEGER;
