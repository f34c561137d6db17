-- 0001: the first schema. Every table is STRICT, so a value of the wrong type
-- is refused instead of stored; every enum column has a CHECK. Dates are ISO
-- text (YYYY-MM-DD), times ISO text in UTC. Framework items (outcomes,
-- requirements, hour categories) are stored by their code, not by a foreign
-- key, so that records outlive a framework file that drops or renames them.

CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role          TEXT NOT NULL CHECK (role IN ('apprentice', 'assessor')),
    date_of_birth TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) IS date_of_birth),
    employer      TEXT,
    assessor_id   INTEGER REFERENCES person (id),
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE enrolment (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES person (id),
    framework_id      TEXT NOT NULL,
    framework_version TEXT NOT NULL,
    framework_hash    TEXT NOT NULL,
    start_date        TEXT NOT NULL CHECK (date(start_date) IS start_date),
    planned_end       TEXT NOT NULL CHECK (date(planned_end) IS planned_end AND planned_end > start_date),
    status            TEXT NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'break', 'withdrawn', 'completed')),
    area_of_practice  TEXT,
    -- The employer requires English and maths whatever the apprentice's age.
    employer_opt_in   INTEGER NOT NULL DEFAULT 0 CHECK (employer_opt_in IN (0, 1)),
    created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX enrolment_by_person ON enrolment (person_id);

-- A break in learning pauses the programme clock; an open break has no end.
CREATE TABLE learning_break (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    start_date   TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date     TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date))
) STRICT;

-- The apprentice's own status and the assessor's judgement, kept apart.
CREATE TABLE outcome_progress (
    enrolment_id   INTEGER NOT NULL REFERENCES enrolment (id),
    outcome_code   TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'not_started'
                   CHECK (status IN ('not_started', 'in_progress', 'ready_for_review', 'completed')),
    status_changed_at TEXT,
    judgement      TEXT NOT NULL DEFAULT 'not_assessed'
                   CHECK (judgement IN ('not_assessed', 'not_yet_competent', 'competent', 'exceeds')),
    judgement_note TEXT,
    judged_by      INTEGER REFERENCES person (id),
    judged_at      TEXT,
    PRIMARY KEY (enrolment_id, outcome_code)
) STRICT;

CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    date         TEXT NOT NULL CHECK (date(date) IS date),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('observation', 'witness_testimony', 'reflective_account',
                                               'work_product', 'professional_discussion', 'other')),
    description  TEXT NOT NULL DEFAULT '',
    file_ref     TEXT,
    -- Deleting marks the row; history keeps what it held.
    deleted_at   TEXT,
    created_by   INTEGER REFERENCES person (id),
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_by_enrolment ON evidence (enrolment_id, date);

CREATE TABLE evidence_outcome (
    evidence_id  INTEGER NOT NULL REFERENCES evidence (id),
    outcome_code TEXT NOT NULL,
    PRIMARY KEY (evidence_id, outcome_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX evidence_outcome_by_code ON evidence_outcome (outcome_code);

CREATE TABLE requirement_record (
    enrolment_id   INTEGER NOT NULL REFERENCES enrolment (id),
    requirement_id TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'met', 'not_met', 'exempt')),
    date           TEXT CHECK (date IS NULL OR date(date) IS date),
    reference      TEXT,
    expires_on     TEXT CHECK (expires_on IS NULL OR date(expires_on) IS expires_on),
    PRIMARY KEY (enrolment_id, requirement_id)
) STRICT;

CREATE TABLE hours_entry (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    date         TEXT NOT NULL CHECK (date(date) IS date),
    hours        REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
    category     TEXT NOT NULL,
    activity     TEXT,
    note         TEXT NOT NULL DEFAULT '',
    benefit      TEXT,
    -- Set when an entry with the same date, hours and category already existed.
    possible_duplicate_of INTEGER REFERENCES hours_entry (id),
    deleted_at   TEXT,
    created_by   INTEGER REFERENCES person (id),
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX hours_by_enrolment ON hours_entry (enrolment_id, date);

CREATE TABLE hours_outcome (
    hours_id     INTEGER NOT NULL REFERENCES hours_entry (id),
    outcome_code TEXT NOT NULL,
    PRIMARY KEY (hours_id, outcome_code)
) STRICT, WITHOUT ROWID;

-- A progress review. A sealed check-in is never changed: an amendment is a
-- new row that names the one it amends.
CREATE TABLE checkin (
    id                   INTEGER PRIMARY KEY,
    enrolment_id         INTEGER NOT NULL REFERENCES enrolment (id),
    date                 TEXT NOT NULL CHECK (date(date) IS date),
    assessor_id          INTEGER NOT NULL REFERENCES person (id),
    state                TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sealed')),
    next_due             TEXT CHECK (next_due IS NULL OR date(next_due) IS next_due),
    amends_id            INTEGER REFERENCES checkin (id),
    amend_reason         TEXT,
    apprentice_signed_at TEXT,
    assessor_signed_at   TEXT,
    seal_hash            TEXT,
    previous_seal_hash   TEXT,
    created_at           TEXT NOT NULL,
    CHECK (state = 'draft' OR (seal_hash IS NOT NULL AND apprentice_signed_at IS NOT NULL
                               AND assessor_signed_at IS NOT NULL)),
    CHECK (amends_id IS NULL OR amend_reason IS NOT NULL)
) STRICT;
CREATE INDEX checkin_by_enrolment ON checkin (enrolment_id, date);

-- The written parts of a review: since last time, hours, plan changes, concerns.
CREATE TABLE checkin_section (
    checkin_id INTEGER NOT NULL REFERENCES checkin (id),
    section    TEXT NOT NULL CHECK (section IN ('since_last', 'hours', 'plan_changes', 'concerns')),
    content    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (checkin_id, section)
) STRICT;

CREATE TABLE checkin_judgement (
    checkin_id   INTEGER NOT NULL REFERENCES checkin (id),
    outcome_code TEXT NOT NULL,
    judgement    TEXT NOT NULL
                 CHECK (judgement IN ('not_assessed', 'not_yet_competent', 'competent', 'exceeds')),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (checkin_id, outcome_code)
) STRICT;

CREATE TABLE checkin_action (
    id         INTEGER PRIMARY KEY,
    checkin_id INTEGER NOT NULL REFERENCES checkin (id),
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    owner      TEXT NOT NULL,
    due_date   TEXT CHECK (due_date IS NULL OR date(due_date) IS due_date)
) STRICT;

-- Whether an action agreed at an earlier check-in was done, as recorded at a
-- later one (the earlier, sealed check-in is not touched).
CREATE TABLE checkin_action_review (
    checkin_id INTEGER NOT NULL REFERENCES checkin (id),
    action_id  INTEGER NOT NULL REFERENCES checkin_action (id),
    done       INTEGER NOT NULL CHECK (done IN (0, 1)),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (checkin_id, action_id)
) STRICT;

-- Only a draft may change; a sealed check-in is amended by a new row.
CREATE TRIGGER sealed_checkin_is_not_edited BEFORE UPDATE ON checkin
WHEN OLD.state = 'sealed'
BEGIN
    SELECT RAISE(ABORT, 'a sealed check-in is never edited; record an amendment');
END;

-- Every change to a record: who, when, which record and field, before and
-- after. Written in the same transaction as the change; never updated or
-- deleted (the triggers below refuse it).
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  INTEGER REFERENCES person (id),
    change    TEXT NOT NULL CHECK (change IN ('insert', 'update', 'delete')),
    record    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    before    TEXT,
    after     TEXT
) STRICT;
CREATE INDEX history_by_record ON history (record, record_id);

CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
