-- 0006: a file attached to evidence, as SQLite's migration 0010. The file
-- itself is kept outside the database, in the folder PCSO_TRACKER_FILES
-- names, under its SHA-256; the row keeps the name it had, its size and
-- that hash. All three are set together, or none.

ALTER TABLE evidence
    ADD COLUMN file_name   text CHECK (length(trim(file_name)) > 0),
    ADD COLUMN file_size   bigint CHECK (file_size >= 0),
    ADD COLUMN file_sha256 text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    ADD CONSTRAINT evidence_file_is_whole
        CHECK ((file_name IS NULL) = (file_sha256 IS NULL) AND (file_size IS NULL) = (file_sha256 IS NULL));
