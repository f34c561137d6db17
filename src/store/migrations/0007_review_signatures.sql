-- 0007: reviews signed by each party in turn. The assessor completes a
-- check-in (its content is then fixed); each party the framework names
-- signs it as themselves; the last signature seals it. A completed
-- check-in keeps state 'draft' until sealed (the state's CHECK dates from
-- 0001 and a table rebuild is not worth it): completed_at says it waits.

ALTER TABLE checkin ADD COLUMN completed_at TEXT;

-- One signature per party per check-in: who signed, as whom, when.
CREATE TABLE checkin_signature (
    checkin_id INTEGER NOT NULL REFERENCES checkin (id),
    role       TEXT NOT NULL CHECK (role IN ('apprentice', 'assessor', 'employer')),
    person_id  INTEGER NOT NULL REFERENCES person (id),
    signed_at  TEXT NOT NULL,
    PRIMARY KEY (checkin_id, role)
) STRICT;

CREATE TRIGGER checkin_signature_is_append_only_update BEFORE UPDATE ON checkin_signature
BEGIN
    SELECT RAISE(ABORT, 'a signature is never changed');
END;

CREATE TRIGGER checkin_signature_is_append_only_delete BEFORE DELETE ON checkin_signature
BEGIN
    SELECT RAISE(ABORT, 'a signature is never removed');
END;

-- Only a completed check-in is signed.
CREATE TRIGGER checkin_signature_needs_completion BEFORE INSERT ON checkin_signature
WHEN NOT EXISTS (SELECT 1 FROM checkin WHERE id = NEW.checkin_id
                 AND state = 'draft' AND completed_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'only a completed check-in awaiting signatures is signed');
END;

-- A completed check-in stays as completed: only its sealing (the
-- signatures' names and times, the state, the seal) is written to it.
CREATE TRIGGER completed_checkin_is_not_edited BEFORE UPDATE ON checkin
WHEN OLD.completed_at IS NOT NULL AND OLD.state = 'draft'
 AND (NEW.enrolment_id IS NOT OLD.enrolment_id OR NEW.date IS NOT OLD.date
      OR NEW.assessor_id IS NOT OLD.assessor_id OR NEW.next_due IS NOT OLD.next_due
      OR NEW.amends_id IS NOT OLD.amends_id OR NEW.amend_reason IS NOT OLD.amend_reason
      OR NEW.completed_at IS NOT OLD.completed_at OR NEW.superseded_by IS NOT OLD.superseded_by)
BEGIN
    SELECT RAISE(ABORT, 'a completed check-in is not edited; it waits for its signatures');
END;

-- A completed check-in waits for signatures: it does not hold the place of
-- the apprentice's one open draft.
DROP INDEX one_open_draft_per_enrolment;
CREATE UNIQUE INDEX one_open_draft_per_enrolment ON checkin (enrolment_id)
WHERE state = 'draft' AND superseded_by IS NULL AND completed_at IS NULL;
