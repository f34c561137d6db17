-- 0002: the gateway sign-off, as SQLite's migration 0008. Once every
-- gateway rule is met, each party the framework names signs, in any order;
-- the last signature seals it. Signatures and the seal are only ever added.

CREATE TABLE gateway_signature (
    enrolment_id bigint NOT NULL REFERENCES enrolment (id),
    role         text NOT NULL CHECK (role IN ('apprentice', 'assessor', 'employer')),
    person_id    bigint NOT NULL REFERENCES person (id),
    signed_at    timestamptz NOT NULL,
    -- The gateway rules as they stood when this party signed: a line per
    -- rule, `id<TAB>met` or `id<TAB>unmet`.
    rules        text NOT NULL,
    PRIMARY KEY (enrolment_id, role)
);

-- The seal covers the enrolment and every signature with its rules, and
-- follows the enrolment's last sealed check-in at the time (none: NULL).
CREATE TABLE gateway_seal (
    enrolment_id       bigint PRIMARY KEY REFERENCES enrolment (id),
    sealed_at          timestamptz NOT NULL,
    seal_hash          text NOT NULL,
    previous_seal_hash text
);

CREATE TRIGGER gateway_signature_is_append_only_update BEFORE UPDATE ON gateway_signature
FOR EACH ROW EXECUTE FUNCTION refuse_change('a gateway signature is never changed');
CREATE TRIGGER gateway_signature_is_append_only_delete BEFORE DELETE ON gateway_signature
FOR EACH ROW EXECUTE FUNCTION refuse_change('a gateway signature is never removed');
CREATE TRIGGER gateway_signature_is_not_truncated BEFORE TRUNCATE ON gateway_signature
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('a gateway signature is never removed');

CREATE FUNCTION sealed_gateway_is_not_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM gateway_seal WHERE enrolment_id = NEW.enrolment_id) THEN
        RAISE EXCEPTION 'a sealed gateway sign-off is never signed again';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER sealed_gateway_is_not_signed BEFORE INSERT ON gateway_signature
FOR EACH ROW EXECUTE FUNCTION sealed_gateway_is_not_signed();

CREATE TRIGGER gateway_seal_is_not_edited BEFORE UPDATE ON gateway_seal
FOR EACH ROW EXECUTE FUNCTION refuse_change('a sealed gateway sign-off is never edited');
CREATE TRIGGER gateway_seal_is_not_removed BEFORE DELETE ON gateway_seal
FOR EACH ROW EXECUTE FUNCTION refuse_change('a sealed gateway sign-off is never removed');
CREATE TRIGGER gateway_seal_is_not_truncated BEFORE TRUNCATE ON gateway_seal
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('a sealed gateway sign-off is never removed');
