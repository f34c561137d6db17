-- 0008: the training plan, as SQLite's migration 0012. One per enrolment,
-- changed in place; history keeps every earlier value.

CREATE TABLE training_plan (
    enrolment_id              bigint PRIMARY KEY REFERENCES enrolment (id),
    planned_end               date NOT NULL,
    prior_learning_hours      double precision NOT NULL DEFAULT 0 CHECK (prior_learning_hours >= 0),
    prior_learning_reason     text,
    planned_off_the_job_hours double precision CHECK (planned_off_the_job_hours IS NULL OR planned_off_the_job_hours >= 0),
    assessment_organisation   text,
    organisation_chosen_on    date,
    english_maths             text CHECK (english_maths IS NULL OR english_maths IN ('required', 'not_required')),
    english_maths_decided_by  text,
    english_maths_reason      text,
    changed_at                timestamptz NOT NULL,
    changed_by                bigint REFERENCES person (id),
    CHECK (prior_learning_hours = 0 OR prior_learning_reason IS NOT NULL),
    CHECK (assessment_organisation IS NULL OR organisation_chosen_on IS NOT NULL),
    CHECK (english_maths IS NULL OR (english_maths_decided_by IS NOT NULL AND english_maths_reason IS NOT NULL))
);
