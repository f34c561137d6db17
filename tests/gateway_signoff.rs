//! The gateway sign-off: once every gateway rule is met, the employer, the
//! assessor and the apprentice each sign as themselves in any order; the
//! last signature seals it, and the sealed record cannot be changed.

use pcso_tracker::domain::EnrolmentId;
use pcso_tracker::framework::{Party, Registry};
use rusqlite::Connection;
use std::path::Path;

mod common;

use common::fixture::Fixture;

/// A framework whose one gateway rule is an agreed topic, signed off by
/// the employer, the assessor and the apprentice.
fn gateway_fixture() -> Fixture {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/standards/valid/gateway-signoff.yaml");
    Fixture::with_registry(Registry::load(Some(&file)).expect("fixture framework"))
}

fn enrolment(f: &Fixture) -> EnrolmentId {
    f.store
        .latest_enrolment(f.amy)
        .expect("read")
        .expect("enrolled")
        .id
}

/// Signed by `parties` straight through the store, and sealed.
fn sealed_through_the_store(f: &mut Fixture, parties: &[Party]) -> EnrolmentId {
    let enrolment = enrolment(f);
    let change = f.store.change(f.clock.now(), Some(f.amy)).expect("change");
    for party in parties {
        let person = match party {
            Party::Employer => f.employer,
            Party::Assessor => f.assessor,
            Party::Apprentice => f.amy,
        };
        change
            .add_gateway_signature(enrolment, *party, person, "topic\tmet\n")
            .expect("signed");
    }
    change.seal_gateway(enrolment).expect("sealed");
    change.commit().expect("commit");
    enrolment
}

fn raw(f: &Fixture) -> Connection {
    Connection::open(f.store.path()).expect("open")
}

fn gateway_seals_hold(f: &Fixture) -> usize {
    let (problems, checked) = f.store.verify_gateway_seals().expect("verify");
    assert!(problems.is_empty(), "{problems:?}");
    checked
}

#[test]
fn a_sealed_sign_off_cannot_be_changed_through_sql_and_an_edit_behind_the_triggers_is_named() {
    let mut f = gateway_fixture();
    let all = [Party::Employer, Party::Assessor, Party::Apprentice];
    let enrolment = sealed_through_the_store(&mut f, &all);
    assert_eq!(gateway_seals_hold(&f), 1);
    let record = f.store.gateway_signoff(enrolment).expect("sign-off");
    assert_eq!(record.signatures.len(), 3);
    assert!(record.seal.is_some());
    let db = raw(&f);
    let history: i64 = db
        .query_row(
            "SELECT count(*) FROM history WHERE record = 'gateway_signoff' AND field LIKE 'signature:%'",
            [],
            |row| row.get(0),
        )
        .expect("history");
    assert_eq!(history, 3, "a history row for every signature");
    let tampering = [
        "UPDATE gateway_signature SET signed_at = '2026-01-01T00:00:00.000Z' WHERE role = 'employer'",
        "DELETE FROM gateway_signature WHERE role = 'apprentice'",
        "UPDATE gateway_seal SET seal_hash = 'forged'",
        "DELETE FROM gateway_seal",
    ];
    for sql in tampering {
        let refused = db.execute(sql, []);
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.to_string().contains("never")),
            "{sql}: {refused:?}"
        );
    }
    assert_eq!(gateway_seals_hold(&f), 1, "nothing was changed");
    db.execute_batch(
        "DROP TRIGGER gateway_signature_is_append_only_update;
         UPDATE gateway_signature SET signed_at = '2026-01-01T00:00:00.000Z' WHERE role = 'employer';",
    )
    .expect("edited behind the triggers");
    let (problems, checked) = f.store.verify_gateway_seals().expect("verify");
    assert_eq!(checked, 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].person, "Amy Clark");
    assert_eq!(
        problems[0].problem,
        "its content no longer matches its seal"
    );
}

#[test]
fn a_sealed_sign_off_takes_no_further_signature() {
    let mut f = gateway_fixture();
    sealed_through_the_store(&mut f, &[Party::Employer, Party::Assessor]);
    let late = raw(&f).execute(
        "INSERT INTO gateway_signature (enrolment_id, role, person_id, signed_at, rules)
         SELECT enrolment_id, 'apprentice', ?1, signed_at, rules FROM gateway_signature
         WHERE role = 'employer'",
        [f.amy.0],
    );
    assert!(
        late.as_ref()
            .is_err_and(|e| e.to_string().contains("never signed again")),
        "{late:?}"
    );
}
