-- 0004: an index for every lookup the program makes, so a command about one
-- person reads that person's rows however many others are recorded, and
-- checking seals reads each check-in's rows once.

-- A check-in's actions (its seal covers them), and the reviews of an action
-- (also what a foreign-key check reads when a draft's actions are replaced).
CREATE INDEX checkin_action_by_checkin ON checkin_action (checkin_id);
CREATE INDEX checkin_action_review_by_action ON checkin_action_review (action_id);
-- The amendments of a check-in.
CREATE INDEX checkin_by_amended ON checkin (amends_id);
-- Finding a person by name as typed, and the list of people (everyone, or
-- one assessor's caseload) read a screenful at a time in order of name,
-- ignoring case, then id, without sorting everyone.
CREATE INDEX person_by_name ON person (name COLLATE NOCASE, id);
CREATE INDEX person_by_assessor_and_name ON person (assessor_id, name COLLATE NOCASE, id);
CREATE INDEX learning_break_by_enrolment ON learning_break (enrolment_id, start_date);

-- The enrolment a history row is about (none for a person's own fields),
-- so one apprentice's changes are read without reading everyone's. Filled
-- here for the rows already written; history is otherwise never updated.
ALTER TABLE history ADD COLUMN enrolment_id INTEGER;

DROP TRIGGER history_is_append_only_update;

UPDATE history SET enrolment_id = CASE record
    WHEN 'enrolment' THEN CAST(record_id AS INTEGER)
    WHEN 'outcome_progress' THEN CAST(substr(record_id, 1, instr(record_id, '/') - 1) AS INTEGER)
    WHEN 'requirement_record' THEN CAST(substr(record_id, 1, instr(record_id, '/') - 1) AS INTEGER)
    WHEN 'evidence' THEN (SELECT enrolment_id FROM evidence WHERE id = CAST(history.record_id AS INTEGER))
    WHEN 'hours_entry' THEN (SELECT enrolment_id FROM hours_entry WHERE id = CAST(history.record_id AS INTEGER))
    WHEN 'learning_break' THEN (SELECT enrolment_id FROM learning_break WHERE id = CAST(history.record_id AS INTEGER))
    WHEN 'checkin' THEN (SELECT enrolment_id FROM checkin WHERE id = CAST(history.record_id AS INTEGER))
END
WHERE record <> 'person';

CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE INDEX history_by_enrolment ON history (enrolment_id, record, field);
