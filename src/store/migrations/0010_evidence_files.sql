-- 0010: a file attached to evidence. The file itself is kept outside the
-- database, in a folder named by its SHA-256 (store::attachments); the row
-- keeps the name it had, its size and that hash, so `verify` can check it.
-- All three are set together, or none.

ALTER TABLE evidence ADD COLUMN file_name TEXT
    CHECK (file_name IS NULL OR length(trim(file_name)) > 0);
ALTER TABLE evidence ADD COLUMN file_size INTEGER
    CHECK (file_size IS NULL OR file_size >= 0);
ALTER TABLE evidence ADD COLUMN file_sha256 TEXT
    CHECK (file_sha256 IS NULL OR (length(file_sha256) = 64 AND file_sha256 NOT GLOB '*[^0-9a-f]*'));

CREATE TRIGGER evidence_file_is_whole_on_update BEFORE UPDATE OF file_name, file_size, file_sha256 ON evidence
WHEN (NEW.file_name IS NULL) <> (NEW.file_sha256 IS NULL) OR (NEW.file_size IS NULL) <> (NEW.file_sha256 IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'an attached file has a name, a size and a hash, or none of them');
END;

CREATE TRIGGER evidence_file_is_whole_on_insert BEFORE INSERT ON evidence
WHEN (NEW.file_name IS NULL) <> (NEW.file_sha256 IS NULL) OR (NEW.file_size IS NULL) <> (NEW.file_sha256 IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'an attached file has a name, a size and a hash, or none of them');
END;
