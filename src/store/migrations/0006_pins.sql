-- 0006: personal PINs, kept only as an Argon2id hash (a PHC string with its
-- own salt and parameters), and the count of wrong tries since the last
-- right one. A person locked out after too many wrong tries is refused
-- until `locked_until` (UTC, as history stores times).

CREATE TABLE person_pin (
    person_id INTEGER PRIMARY KEY REFERENCES person (id),
    hash TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
) STRICT;
