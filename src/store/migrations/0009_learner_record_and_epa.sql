-- 0009: the learner record as the funding rules and the end-point
-- assessment see it. A person gains a unique learner number (ULN, checked
-- against its check digit before it is stored) and their learning-support
-- needs; a break in learning and an enrolment's status (withdrawn,
-- completed) carry their reason. Each unit of a qualification is recorded
-- like a requirement, and each end-point assessment result is kept: a
-- result is only ever added (a resit or retake is a new row).

ALTER TABLE person ADD COLUMN uln TEXT
    CHECK (uln IS NULL OR (length(uln) = 10 AND uln NOT GLOB '*[^0-9]*'));
ALTER TABLE person ADD COLUMN learning_support TEXT;
CREATE UNIQUE INDEX person_by_uln ON person (uln) WHERE uln IS NOT NULL;

ALTER TABLE learning_break ADD COLUMN reason TEXT;
ALTER TABLE enrolment ADD COLUMN status_reason TEXT;

CREATE TABLE unit_record (
    enrolment_id   INTEGER NOT NULL REFERENCES enrolment (id),
    requirement_id TEXT NOT NULL,
    unit_id        TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'met', 'not_met', 'exempt')),
    date           TEXT CHECK (date IS NULL OR date(date) IS date),
    PRIMARY KEY (enrolment_id, requirement_id, unit_id)
) STRICT;

CREATE TABLE epa_result (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    method_id    TEXT NOT NULL,
    attempt      TEXT NOT NULL CHECK (attempt IN ('first', 'resit', 'retake')),
    date         TEXT NOT NULL CHECK (date(date) IS date),
    grade        TEXT NOT NULL CHECK (length(trim(grade)) > 0),
    note         TEXT NOT NULL DEFAULT '',
    recorded_by  INTEGER REFERENCES person (id),
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX epa_result_by_enrolment ON epa_result (enrolment_id, method_id, date);

CREATE TRIGGER epa_result_is_not_changed BEFORE UPDATE ON epa_result
BEGIN
    SELECT RAISE(ABORT, 'an end-point assessment result is never changed; record the next attempt');
END;

CREATE TRIGGER epa_result_is_not_removed BEFORE DELETE ON epa_result
BEGIN
    SELECT RAISE(ABORT, 'an end-point assessment result is never removed');
END;
