-- What each group of logins may do, as the permission table says
-- (domain::permission): grants say which operations a group takes, down to
-- the columns; row-level-security policies say on whose records. Run in one
-- transaction by `security::init` after the group roles exist; it first
-- removes what an earlier run made, so running it again converges.
-- In policies, `(SELECT f())` asks once per statement, not once per row.

DO $$
DECLARE
    p record;
BEGIN
    FOR p IN SELECT policyname, tablename FROM pg_policies
             WHERE schemaname = 'public' AND policyname LIKE 'pcso\_%' LOOP
        EXECUTE format('DROP POLICY %I ON public.%I', p.policyname, p.tablename);
    END LOOP;
END;
$$;
REVOKE ALL ON ALL TABLES IN SCHEMA public
    FROM pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator;

-- Every table holding people's records: policies apply to every login,
-- the tables' owner included (its own policy below says it sees all).
DO $$
DECLARE
    t text;
    owner text;
BEGIN
    FOREACH t IN ARRAY ARRAY['person', 'enrolment', 'learning_break', 'checkin',
        'outcome_progress', 'evidence', 'evidence_outcome', 'requirement_record',
        'hours_entry', 'hours_outcome', 'hours_review', 'checkin_section', 'checkin_judgement',
        'checkin_action', 'checkin_action_review', 'checkin_signature', 'person_pin',
        'history', 'gateway_signature', 'gateway_seal', 'person_login',
        'unit_record', 'epa_result', 'training_plan'] LOOP
        SELECT tableowner INTO owner FROM pg_tables WHERE schemaname = 'public' AND tablename = t;
        EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t);
        -- The owner runs migrations, `admin init` and `copy`, and owns the
        -- functions that say who reaches whom: it reads and writes all.
        EXECUTE format('CREATE POLICY pcso_owner ON public.%I TO %I USING (true) WITH CHECK (true)',
                       t, owner);
        EXECUTE format('GRANT SELECT ON public.%I TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator', t);
    END LOOP;
END;
$$;

GRANT USAGE ON SCHEMA public TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator;
GRANT SELECT ON schema_migration, requirement_confirmer
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator;
GRANT EXECUTE ON FUNCTION pcso_current_person(), pcso_current_role(), pcso_reached_people(),
    pcso_reached_enrolments(), pcso_reached_checkins(), pcso_may_confirm(bigint, text)
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator;

-- Administrators: add people, assign them, correct enrolments and breaks.
GRANT INSERT ON person, enrolment, learning_break TO pcso_administrator;
GRANT UPDATE (date_of_birth, assessor_id, employer_id, uln, learning_support)
    ON person TO pcso_administrator;
GRANT UPDATE (status, status_reason, start_date, planned_end) ON enrolment TO pcso_administrator;
GRANT UPDATE (end_date) ON learning_break TO pcso_administrator;

-- Outcomes: the apprentice's own status; the judgement columns to every
-- party of a review, since the last to sign seals it and copies its
-- judgements (the trigger judgement_is_the_assessors refuses anything else).
GRANT INSERT (enrolment_id, outcome_code, status, status_changed_at,
              judgement, judgement_note, judged_by, judged_at, judged_in_checkin),
      UPDATE (status, status_changed_at,
              judgement, judgement_note, judged_by, judged_at, judged_in_checkin)
    ON outcome_progress TO pcso_apprentice;
GRANT INSERT (enrolment_id, outcome_code,
              judgement, judgement_note, judged_by, judged_at, judged_in_checkin),
      UPDATE (judgement, judgement_note, judged_by, judged_at, judged_in_checkin)
    ON outcome_progress TO pcso_assessor, pcso_employer;

-- Evidence: the apprentice and her assessor; hours: the apprentice.
GRANT INSERT (enrolment_id, date, title, kind, description, file_ref, created_by, created_at),
      UPDATE (date, title, kind, description, file_ref, deleted_at,
              file_name, file_size, file_sha256)
    ON evidence TO pcso_apprentice, pcso_assessor;
GRANT INSERT, DELETE ON evidence_outcome TO pcso_apprentice, pcso_assessor;
GRANT INSERT (enrolment_id, date, hours, category, activity, note, benefit,
              possible_duplicate_of, created_by, created_at),
      UPDATE (deleted_at)
    ON hours_entry TO pcso_apprentice;
GRANT INSERT ON hours_outcome TO pcso_apprentice;
-- An assessor accepts or queries her apprentices' hours; an administrator any.
GRANT INSERT, UPDATE (state, reason, reviewed_by, reviewed_at)
    ON hours_review TO pcso_assessor, pcso_administrator;

-- Requirements: anyone, on the requirements the framework gives their role.
GRANT INSERT (enrolment_id, requirement_id, status, date, reference, expires_on),
      UPDATE (status, date, reference, expires_on)
    ON requirement_record TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator;
GRANT INSERT (enrolment_id, requirement_id, unit_id, status, date), UPDATE (status, date)
    ON unit_record TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator;

-- End-point assessment results: recorded by the assessor or the training
-- unit as the assessment organisation reports them; only ever added.
GRANT INSERT (enrolment_id, method_id, attempt, date, grade, note, recorded_by, recorded_at)
    ON epa_result TO pcso_assessor, pcso_administrator;

-- Check-ins: the assessor runs them; every party signs, and the last to
-- sign seals (the triggers of 0001 keep a completed check-in's content).
GRANT INSERT (enrolment_id, date, assessor_id, amends_id, amend_reason, created_at),
      UPDATE (next_due, completed_at, apprentice_signed_at, apprentice_signature,
              assessor_signed_at, assessor_signature, state, seal_hash, previous_seal_hash)
    ON checkin TO pcso_assessor;
GRANT UPDATE (apprentice_signed_at, apprentice_signature, assessor_signed_at,
              assessor_signature, state, seal_hash, previous_seal_hash)
    ON checkin TO pcso_apprentice, pcso_employer;
GRANT INSERT, DELETE ON checkin_section, checkin_judgement, checkin_action, checkin_action_review
    TO pcso_assessor;
-- A draft is discarded by its assessor or an administrator (ops::discard_checkin).
GRANT DELETE ON checkin TO pcso_assessor, pcso_administrator;
GRANT DELETE ON checkin_section, checkin_judgement, checkin_action, checkin_action_review
    TO pcso_administrator;
-- Not signed_login: the server fills it in.
GRANT INSERT (checkin_id, role, person_id, signed_at) ON checkin_signature
    TO pcso_apprentice, pcso_assessor, pcso_employer;
GRANT INSERT (enrolment_id, role, person_id, signed_at, rules) ON gateway_signature
    TO pcso_apprentice, pcso_assessor, pcso_employer;
GRANT INSERT ON gateway_seal TO pcso_apprentice, pcso_assessor, pcso_employer;

-- The training plan: assessors and administrators record and change it.
GRANT INSERT, UPDATE ON training_plan TO pcso_assessor, pcso_administrator;

-- Each person's own PIN; history is appended to, never changed.
GRANT INSERT, UPDATE (hash, failed, locked_until) ON person_pin
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator;
GRANT INSERT (at, actor_id, change, record, record_id, field, before, after, enrolment_id)
    ON history TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator;

-- The policies. Reach: pcso_reached_people/enrolments/checkins (0003).

-- A row just added is not yet seen by the reach functions (they read the
-- statement's snapshot), yet INSERT ... RETURNING must read it back: so an
-- administrator reads every person outright, and enrolments are reached by
-- their person, which exists before them.
CREATE POLICY pcso_read ON person FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (role <> 'apprentice' OR (SELECT pcso_current_role()) = 'administrator'
           OR id IN (SELECT pcso_reached_people()));
CREATE POLICY pcso_add ON person FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) = 'administrator');
CREATE POLICY pcso_correct ON person FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) = 'administrator')
    WITH CHECK ((SELECT pcso_current_role()) = 'administrator');

CREATE POLICY pcso_read ON enrolment FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (person_id IN (SELECT pcso_reached_people()));
CREATE POLICY pcso_add ON enrolment FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) = 'administrator');
CREATE POLICY pcso_correct ON enrolment FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) = 'administrator')
    WITH CHECK ((SELECT pcso_current_role()) = 'administrator');

CREATE POLICY pcso_read ON learning_break FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_add ON learning_break FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) = 'administrator');
CREATE POLICY pcso_correct ON learning_break FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) = 'administrator')
    WITH CHECK ((SELECT pcso_current_role()) = 'administrator');

CREATE POLICY pcso_read ON checkin FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_start ON checkin FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) = 'assessor'
                AND assessor_id = (SELECT pcso_current_person())
                AND enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_discard ON checkin FOR DELETE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (state = 'draft' AND completed_at IS NULL
           AND ((SELECT pcso_current_role()) = 'administrator'
                OR ((SELECT pcso_current_role()) = 'assessor'
                    AND assessor_id = (SELECT pcso_current_person())))
           AND enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_run ON checkin FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) = 'assessor'
           AND enrolment_id IN (SELECT pcso_reached_enrolments()))
    WITH CHECK ((SELECT pcso_current_role()) = 'assessor'
                AND enrolment_id IN (SELECT pcso_reached_enrolments()));
-- The last party to sign a completed check-in seals it: only once she has
-- signed, and with the names of those who signed.
CREATE POLICY pcso_seal ON checkin FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (state = 'draft' AND completed_at IS NOT NULL
           AND enrolment_id IN (SELECT pcso_reached_enrolments()))
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments())
                AND EXISTS (SELECT 1 FROM checkin_signature s
                            WHERE s.checkin_id = checkin.id
                              AND s.person_id = (SELECT pcso_current_person()))
                AND apprentice_signature IS NOT DISTINCT FROM
                    (SELECT p.name FROM checkin_signature s JOIN person p ON p.id = s.person_id
                     WHERE s.checkin_id = checkin.id AND s.role = 'apprentice')
                AND assessor_signature IS NOT DISTINCT FROM
                    (SELECT p.name FROM checkin_signature s JOIN person p ON p.id = s.person_id
                     WHERE s.checkin_id = checkin.id AND s.role = 'assessor'));

CREATE POLICY pcso_read ON checkin_section FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_write ON checkin_section FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) = 'assessor' AND checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_remove ON checkin_section FOR DELETE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) IN ('assessor', 'administrator')
           AND checkin_id IN (SELECT pcso_reached_checkins()));

CREATE POLICY pcso_read ON checkin_judgement FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_write ON checkin_judgement FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) = 'assessor' AND checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_remove ON checkin_judgement FOR DELETE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) IN ('assessor', 'administrator')
           AND checkin_id IN (SELECT pcso_reached_checkins()));

CREATE POLICY pcso_read ON checkin_action FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_write ON checkin_action FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) = 'assessor' AND checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_remove ON checkin_action FOR DELETE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) IN ('assessor', 'administrator')
           AND checkin_id IN (SELECT pcso_reached_checkins()));

CREATE POLICY pcso_read ON checkin_action_review FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_write ON checkin_action_review FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) = 'assessor' AND checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_remove ON checkin_action_review FOR DELETE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) IN ('assessor', 'administrator')
           AND checkin_id IN (SELECT pcso_reached_checkins()));

CREATE POLICY pcso_read ON outcome_progress FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_add ON outcome_progress FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_change ON outcome_progress FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()))
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments()));

CREATE POLICY pcso_read ON evidence FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_add ON evidence FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (created_by = (SELECT pcso_current_person())
                AND enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_change ON evidence FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()))
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments()));

CREATE POLICY pcso_read ON evidence_outcome FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (evidence_id IN (SELECT id FROM evidence));
CREATE POLICY pcso_add ON evidence_outcome FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (evidence_id IN (SELECT id FROM evidence));
CREATE POLICY pcso_remove ON evidence_outcome FOR DELETE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (evidence_id IN (SELECT id FROM evidence));

CREATE POLICY pcso_read ON hours_entry FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_add ON hours_entry FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (created_by = (SELECT pcso_current_person())
                AND enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_change ON hours_entry FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()))
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments()));

CREATE POLICY pcso_read ON hours_outcome FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (hours_id IN (SELECT id FROM hours_entry));
CREATE POLICY pcso_add ON hours_outcome FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (hours_id IN (SELECT id FROM hours_entry));

CREATE POLICY pcso_read ON hours_review FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (hours_id IN (SELECT id FROM hours_entry));
CREATE POLICY pcso_review ON hours_review FOR INSERT
    TO pcso_assessor, pcso_administrator
    WITH CHECK (reviewed_by = (SELECT pcso_current_person())
                AND hours_id IN (SELECT id FROM hours_entry));
CREATE POLICY pcso_change ON hours_review FOR UPDATE
    TO pcso_assessor, pcso_administrator
    USING (hours_id IN (SELECT id FROM hours_entry))
    WITH CHECK (reviewed_by = (SELECT pcso_current_person())
                AND hours_id IN (SELECT id FROM hours_entry));

CREATE POLICY pcso_read ON requirement_record FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_confirm ON requirement_record FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments())
                AND pcso_may_confirm(enrolment_id, requirement_id));
CREATE POLICY pcso_change ON requirement_record FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments())
           AND pcso_may_confirm(enrolment_id, requirement_id))
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments())
                AND pcso_may_confirm(enrolment_id, requirement_id));

-- A qualification's units are confirmed by whoever confirms the qualification.
CREATE POLICY pcso_read ON unit_record FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_confirm ON unit_record FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments())
                AND pcso_may_confirm(enrolment_id, requirement_id));
CREATE POLICY pcso_change ON unit_record FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments())
           AND pcso_may_confirm(enrolment_id, requirement_id))
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments())
                AND pcso_may_confirm(enrolment_id, requirement_id));

CREATE POLICY pcso_read ON epa_result FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_record ON epa_result FOR INSERT
    TO pcso_assessor, pcso_administrator
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments())
                AND recorded_by = (SELECT pcso_current_person()));

-- A party signs only as herself, in her own role.
CREATE POLICY pcso_read ON checkin_signature FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (checkin_id IN (SELECT pcso_reached_checkins()));
CREATE POLICY pcso_sign ON checkin_signature FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (person_id = (SELECT pcso_current_person())
                AND role = (SELECT pcso_current_role())
                AND checkin_id IN (SELECT pcso_reached_checkins()));

CREATE POLICY pcso_read ON gateway_signature FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_sign ON gateway_signature FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (person_id = (SELECT pcso_current_person())
                AND role = (SELECT pcso_current_role())
                AND enrolment_id IN (SELECT pcso_reached_enrolments()));

CREATE POLICY pcso_read ON gateway_seal FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_seal ON gateway_seal FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (enrolment_id IN (SELECT pcso_reached_enrolments())
                AND EXISTS (SELECT 1 FROM gateway_signature s
                            WHERE s.enrolment_id = gateway_seal.enrolment_id
                              AND s.person_id = (SELECT pcso_current_person())));

CREATE POLICY pcso_read ON training_plan FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_add ON training_plan FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK ((SELECT pcso_current_role()) IN ('assessor', 'administrator')
                AND enrolment_id IN (SELECT pcso_reached_enrolments()));
CREATE POLICY pcso_change ON training_plan FOR UPDATE
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING ((SELECT pcso_current_role()) IN ('assessor', 'administrator')
           AND enrolment_id IN (SELECT pcso_reached_enrolments()))
    WITH CHECK ((SELECT pcso_current_role()) IN ('assessor', 'administrator')
                AND enrolment_id IN (SELECT pcso_reached_enrolments()));

CREATE POLICY pcso_own ON person_pin FOR ALL
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (person_id = (SELECT pcso_current_person()))
    WITH CHECK (person_id = (SELECT pcso_current_person()));

CREATE POLICY pcso_own ON person_login FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (login = session_user OR (SELECT pcso_current_role()) = 'administrator');

-- History: the rows of records one reaches (a person's own fields: of the
-- people one sees). Appended as oneself, about records one reaches; the one
-- row credited to someone else is a sealed check-in's judgement, credited
-- to its assessor, which the outcome now holds.
CREATE POLICY pcso_read ON history FOR SELECT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    USING (enrolment_id IN (SELECT pcso_reached_enrolments())
           OR (enrolment_id IS NULL AND record IN ('person', 'person_pin')
               AND record_id IN (SELECT id::text FROM person)));
CREATE POLICY pcso_append ON history FOR INSERT
    TO pcso_apprentice, pcso_assessor, pcso_employer, pcso_administrator
    WITH CHECK (
        (actor_id = (SELECT pcso_current_person())
         OR (record = 'outcome_progress' AND field IN ('judgement', 'judgement_note')
             AND EXISTS (SELECT 1 FROM outcome_progress o JOIN checkin c ON c.id = o.judged_in_checkin
                         WHERE o.enrolment_id = history.enrolment_id
                           AND o.enrolment_id::text || '/' || o.outcome_code = history.record_id
                           AND c.state = 'sealed' AND o.judged_by = history.actor_id)))
        AND (enrolment_id IN (SELECT pcso_reached_enrolments())
             OR (enrolment_id IS NULL
                 AND ((SELECT pcso_current_role()) = 'administrator'
                      OR record_id = (SELECT pcso_current_person())::text))));
