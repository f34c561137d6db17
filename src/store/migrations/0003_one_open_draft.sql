-- 0003: at most one open draft check-in per enrolment. Databases written
-- before this rule may hold several drafts for one apprentice; the newest
-- stays open and the older ones are set aside (kept, never deleted), naming
-- the draft that superseded them.

ALTER TABLE checkin ADD COLUMN superseded_by INTEGER REFERENCES checkin (id);

UPDATE checkin
SET superseded_by = (SELECT max(d.id) FROM checkin d
                     WHERE d.enrolment_id = checkin.enrolment_id AND d.state = 'draft')
WHERE state = 'draft'
  AND id < (SELECT max(d.id) FROM checkin d
            WHERE d.enrolment_id = checkin.enrolment_id AND d.state = 'draft');

CREATE UNIQUE INDEX one_open_draft_per_enrolment ON checkin (enrolment_id)
WHERE state = 'draft' AND superseded_by IS NULL;
