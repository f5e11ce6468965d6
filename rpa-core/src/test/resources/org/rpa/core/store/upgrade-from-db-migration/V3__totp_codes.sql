-- Single-use TOTP codes (issue 7): each (secret, time step) is spent once, across every executor
-- and process sharing this database. secret_id is a digest of the secret, never the secret.
-- V3, not V2: V2 is reserved for another branch; Flyway applies V1 then V3 on a fresh database.

CREATE TABLE totp_codes (
    secret_id   VARCHAR(64)  NOT NULL,
    time_step   BIGINT       NOT NULL,
    used_by     VARCHAR(255) NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (secret_id, time_step)
);

CREATE INDEX totp_codes_used_at ON totp_codes (used_at);
