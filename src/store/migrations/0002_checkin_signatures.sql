-- 0002: who signed a check-in (the names typed at sign-off), and which
-- sealed check-in made each outcome's current judgement.

ALTER TABLE checkin ADD COLUMN apprentice_signature TEXT;
ALTER TABLE checkin ADD COLUMN assessor_signature TEXT;
ALTER TABLE outcome_progress ADD COLUMN judged_in_checkin INTEGER REFERENCES checkin (id);
