-- 0008: the gateway sign-off. Once every gateway rule is met, each party
-- the framework names signs that the apprentice is ready, as themselves and
-- in any order; the last signature seals the sign-off. One sign-off per
-- enrolment. Signatures and the seal are only ever added (the triggers
-- below refuse changing or removing either, and signing a sealed one).

CREATE TABLE gateway_signature (
    enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
    role         TEXT NOT NULL CHECK (role IN ('apprentice', 'assessor', 'employer')),
    person_id    INTEGER NOT NULL REFERENCES person (id),
    signed_at    TEXT NOT NULL,
    -- The gateway rules as they stood when this party signed: a line per
    -- rule, `id<TAB>met` or `id<TAB>unmet`.
    rules        TEXT NOT NULL,
    PRIMARY KEY (enrolment_id, role)
) STRICT;

-- The seal covers the enrolment and every signature with its rules, and
-- follows the enrolment's last sealed check-in at the time (none: NULL).
CREATE TABLE gateway_seal (
    enrolment_id       INTEGER PRIMARY KEY REFERENCES enrolment (id),
    sealed_at          TEXT NOT NULL,
    seal_hash          TEXT NOT NULL,
    previous_seal_hash TEXT
) STRICT;

CREATE TRIGGER gateway_signature_is_append_only_update BEFORE UPDATE ON gateway_signature
BEGIN
    SELECT RAISE(ABORT, 'a gateway signature is never changed');
END;

CREATE TRIGGER gateway_signature_is_append_only_delete BEFORE DELETE ON gateway_signature
BEGIN
    SELECT RAISE(ABORT, 'a gateway signature is never removed');
END;

CREATE TRIGGER sealed_gateway_is_not_signed BEFORE INSERT ON gateway_signature
WHEN EXISTS (SELECT 1 FROM gateway_seal WHERE enrolment_id = NEW.enrolment_id)
BEGIN
    SELECT RAISE(ABORT, 'a sealed gateway sign-off is never signed again');
END;

CREATE TRIGGER gateway_seal_is_not_edited BEFORE UPDATE ON gateway_seal
BEGIN
    SELECT RAISE(ABORT, 'a sealed gateway sign-off is never edited');
END;

CREATE TRIGGER gateway_seal_is_not_removed BEFORE DELETE ON gateway_seal
BEGIN
    SELECT RAISE(ABORT, 'a sealed gateway sign-off is never removed');
END;
