-- 0003: identity from database logins (PostgreSQL only). A person may be
-- linked to one login; connected as that login, a session acts as that
-- person. The grants and row-level-security policies that use these
-- functions are made by `admin init` (store::postgres::security), which
-- also creates the group roles they name.

CREATE TABLE person_login (
    person_id bigint PRIMARY KEY REFERENCES person (id),
    login     text UNIQUE NOT NULL
);

-- Who may confirm each requirement, as the framework files say
-- (`confirmed_by`), so that the database can refuse a requirement record
-- by anyone else. Filled from the frameworks by `admin init`.
CREATE TABLE requirement_confirmer (
    framework_id   text NOT NULL,
    requirement_id text NOT NULL,
    role           text NOT NULL
                   CHECK (role IN ('apprentice', 'assessor', 'employer', 'administrator')),
    PRIMARY KEY (framework_id, requirement_id, role)
);

-- A signature records the login that gave it, as the server knows it: the
-- default is the session's login, and logins are not granted the column,
-- so no client can name another. Signatures given before this migration
-- were not made under a login of their own: they keep ''.
ALTER TABLE checkin_signature ADD COLUMN signed_login text NOT NULL DEFAULT '';
ALTER TABLE checkin_signature ALTER COLUMN signed_login SET DEFAULT session_user;
ALTER TABLE gateway_signature ADD COLUMN signed_login text NOT NULL DEFAULT '';
ALTER TABLE gateway_signature ALTER COLUMN signed_login SET DEFAULT session_user;

-- The functions below read the tables with their owner's rights, so that
-- policies can ask who someone reaches without reading through their own
-- policies (which would recurse). Each has a fixed search_path, so that no
-- one can make it find other objects by changing theirs.

-- The person whose login this session is (NULL: none).
CREATE FUNCTION pcso_current_person() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT person_id FROM public.person_login WHERE login = session_user
$$;

-- That person's role (NULL: none).
CREATE FUNCTION pcso_current_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT role FROM public.person WHERE id = public.pcso_current_person()
$$;

-- The people whose records the session's person reaches, as the
-- permission table says: an apprentice herself, an assessor her caseload,
-- an employer the apprentices she manages, an administrator everyone.
CREATE FUNCTION pcso_reached_people() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT p.id FROM public.person p, public.person me
    WHERE me.id = public.pcso_current_person()
      AND CASE me.role
              WHEN 'apprentice' THEN p.id = me.id
              WHEN 'assessor' THEN p.assessor_id = me.id
              WHEN 'employer' THEN p.employer_id = me.id
              WHEN 'administrator' THEN true
              ELSE false
          END
$$;

CREATE FUNCTION pcso_reached_enrolments() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM public.enrolment
    WHERE person_id IN (SELECT public.pcso_reached_people())
$$;

CREATE FUNCTION pcso_reached_checkins() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM public.checkin
    WHERE enrolment_id IN (SELECT public.pcso_reached_enrolments())
$$;

-- Whether the session's person may confirm requirement `wanted` of
-- enrolment `of_enrolment`: the framework names their role.
CREATE FUNCTION pcso_may_confirm(of_enrolment bigint, wanted text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM public.enrolment e
        JOIN public.requirement_confirmer c ON c.framework_id = e.framework_id
        WHERE e.id = of_enrolment AND c.requirement_id = wanted
          AND c.role = public.pcso_current_role())
$$;

-- Only the groups `admin init` grants them to may call these.
REVOKE ALL ON FUNCTION pcso_current_person(), pcso_current_role(), pcso_reached_people(),
    pcso_reached_enrolments(), pcso_reached_checkins(), pcso_may_confirm(bigint, text)
    FROM PUBLIC;

-- An outcome's judgement is the assessor's: a login changes it only as the
-- assessor judging directly, or by copying the judgement of a sealed
-- check-in (which the last party to sign does, whoever that is). Column
-- grants cannot say this, since sealing writes the same columns. Sessions
-- linked to no person (the database's owner) are governed by their grants.
CREATE FUNCTION judgement_is_the_assessors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    me bigint := pcso_current_person();
BEGIN
    IF me IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE'
       AND (NEW.judgement, NEW.judgement_note, NEW.judged_by, NEW.judged_at, NEW.judged_in_checkin)
           IS NOT DISTINCT FROM
           (OLD.judgement, OLD.judgement_note, OLD.judged_by, OLD.judged_at, OLD.judged_in_checkin) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' AND NEW.judgement = 'not_assessed' AND NEW.judgement_note IS NULL
       AND NEW.judged_by IS NULL AND NEW.judged_at IS NULL AND NEW.judged_in_checkin IS NULL THEN
        RETURN NEW;
    END IF;
    IF NEW.judged_in_checkin IS NULL THEN
        IF NEW.judged_by = me AND pcso_current_role() = 'assessor' THEN
            RETURN NEW;
        END IF;
    ELSIF EXISTS (SELECT 1 FROM checkin c JOIN checkin_judgement j ON j.checkin_id = c.id
                  WHERE c.id = NEW.judged_in_checkin AND c.enrolment_id = NEW.enrolment_id
                    AND c.state = 'sealed' AND c.assessor_id = NEW.judged_by
                    AND j.outcome_code = NEW.outcome_code AND j.judgement = NEW.judgement
                    AND j.note IS NOT DISTINCT FROM NEW.judgement_note) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'only the apprentice''s assessor judges an outcome (directly, or in a sealed check-in)';
END;
$$;
CREATE TRIGGER judgement_is_the_assessors BEFORE INSERT OR UPDATE ON outcome_progress
FOR EACH ROW EXECUTE FUNCTION judgement_is_the_assessors();
