-- 0012: the training plan, one per enrolment. Changed in place; history
-- keeps every earlier value. The planned off-the-job hours are the rules'
-- minimum less the prior learning, worked out and checked against the
-- rules' floor when the plan is set, and kept as agreed.

CREATE TABLE training_plan (
    enrolment_id              INTEGER PRIMARY KEY REFERENCES enrolment (id),
    planned_end               TEXT NOT NULL CHECK (date(planned_end) IS planned_end),
    prior_learning_hours      REAL NOT NULL DEFAULT 0 CHECK (prior_learning_hours >= 0),
    prior_learning_reason     TEXT,
    planned_off_the_job_hours REAL CHECK (planned_off_the_job_hours IS NULL OR planned_off_the_job_hours >= 0),
    assessment_organisation   TEXT,
    organisation_chosen_on    TEXT CHECK (organisation_chosen_on IS NULL
                                          OR date(organisation_chosen_on) IS organisation_chosen_on),
    english_maths             TEXT CHECK (english_maths IS NULL OR english_maths IN ('required', 'not_required')),
    english_maths_decided_by  TEXT,
    english_maths_reason      TEXT,
    changed_at                TEXT NOT NULL,
    changed_by                INTEGER REFERENCES person (id),
    CHECK (prior_learning_hours = 0 OR prior_learning_reason IS NOT NULL),
    CHECK (assessment_organisation IS NULL OR organisation_chosen_on IS NOT NULL),
    CHECK (english_maths IS NULL OR (english_maths_decided_by IS NOT NULL AND english_maths_reason IS NOT NULL))
) STRICT;
