-- 0005: roles as data. A person may be an apprentice, an assessor, an
-- employer (the apprentice's line manager or force tutor) or an
-- administrator (the training unit), and an apprentice names the Employer
-- person who manages her. SQLite cannot change a CHECK in place, so the
-- table is rebuilt under the same name, keeping every id; the history rows
-- that name people by id are untouched. Run with foreign keys off (the
-- schema upgrade does so, and checks every reference before it commits).

CREATE TABLE person_with_roles (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role          TEXT NOT NULL
                  CHECK (role IN ('apprentice', 'assessor', 'employer', 'administrator')),
    date_of_birth TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) IS date_of_birth),
    employer      TEXT,
    assessor_id   INTEGER REFERENCES person (id),
    employer_id   INTEGER REFERENCES person (id),
    created_at    TEXT NOT NULL
) STRICT;

INSERT INTO person_with_roles (id, name, role, date_of_birth, employer, assessor_id, created_at)
    SELECT id, name, role, date_of_birth, employer, assessor_id, created_at FROM person;

DROP TABLE person;
ALTER TABLE person_with_roles RENAME TO person;

CREATE INDEX person_by_name ON person (name COLLATE NOCASE, id);
CREATE INDEX person_by_assessor_and_name ON person (assessor_id, name COLLATE NOCASE, id);
-- An employer's apprentices, read the way an assessor's caseload is.
CREATE INDEX person_by_employer_and_name ON person (employer_id, name COLLATE NOCASE, id);
