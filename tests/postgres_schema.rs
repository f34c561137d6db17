//! The PostgreSQL schema against a real server: it applies, it has SQLite's
//! tables and columns, its CHECKs refuse bad rows, history is append-only
//! and sealed check-ins are protected, whatever client writes.

mod common;

use common::pg;
use pcso_tracker::store::Store;
use pcso_tracker::store::postgres::{SCHEMA_VERSION, migrate};
use postgres::error::SqlState;
use postgres::{Client, NoTls};
use std::collections::BTreeSet;

/// A new database with the schema applied; None when no server is installed.
fn database() -> Option<Client> {
    let url = pg::database()?;
    let mut client = Client::connect(&url, NoTls).expect("connect");
    migrate(&mut client).expect("apply the schema");
    Some(client)
}

/// A person, an enrolment and a draft check-in with content; gives the
/// check-in's id.
fn draft_with_content(client: &mut Client) -> i64 {
    client
        .batch_execute(
            // In a new database these are person 1 and 2, and enrolment 1.
            "INSERT INTO person (name, role, created_at) VALUES
                 ('Ann Apprentice', 'apprentice', now()), ('Sam Assessor', 'assessor', now());
             INSERT INTO enrolment (person_id, framework_id, framework_version, framework_hash,
                                    start_date, planned_end, created_at)
                 VALUES (1, 'pcso-l4', '1', 'abc', '2026-01-05', '2027-07-05', now());",
        )
        .expect("seed a person and an enrolment");
    let id: i64 = client
        .query_one(
            "INSERT INTO checkin (enrolment_id, date, assessor_id, created_at)
             VALUES (1, '2026-03-01', 2, now()) RETURNING id",
            &[],
        )
        .expect("start a draft")
        .get(0);
    client
        .execute(
            "INSERT INTO checkin_section (checkin_id, section, content) VALUES ($1, 'since_last', 'Patrols')",
            &[&id],
        )
        .expect("write a section");
    client
        .execute(
            "INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement) VALUES ($1, 'LO1', 'competent')",
            &[&id],
        )
        .expect("write a judgement");
    client
        .execute(
            "INSERT INTO checkin_action (checkin_id, text, owner) VALUES ($1, 'Shadow a briefing', 'apprentice')",
            &[&id],
        )
        .expect("write an action");
    id
}

const SEAL: &str = "UPDATE checkin SET state = 'sealed', seal_hash = 'h1',
        apprentice_signed_at = '2026-03-01T10:00:00Z', assessor_signed_at = '2026-03-01T10:00:00Z'
    WHERE id = $1";

/// The message of a refusal raised by a trigger.
fn refused(result: Result<u64, postgres::Error>) -> String {
    let error = result.expect_err("refused");
    let db = error.as_db_error().expect("refused by the server");
    assert_eq!(db.code(), &SqlState::RAISE_EXCEPTION, "{db}");
    db.message().to_string()
}

fn assert_check_violation(client: &mut Client, sql: &str) {
    let error = client.execute(sql, &[]).expect_err(sql);
    assert_eq!(
        error.code(),
        Some(&SqlState::CHECK_VIOLATION),
        "{sql}: {error}"
    );
}

#[test]
fn the_schema_applies_to_an_empty_database_once() {
    let Some(url) = pg::database() else { return };
    let mut client = Client::connect(&url, NoTls).expect("connect");
    assert_eq!(migrate(&mut client).expect("apply"), 0, "found empty");
    assert_eq!(migrate(&mut client).expect("apply again"), SCHEMA_VERSION);
    let applied: i64 = client
        .query_one("SELECT count(*) FROM schema_migration", &[])
        .expect("count")
        .get(0);
    assert_eq!(applied, i64::from(SCHEMA_VERSION));
}

/// Every table and column of SQLite's schema, so that statements can be
/// shared between the engines; beyond them only the PostgreSQL-only ones
/// (logins, and what the database's permissions need).
#[test]
fn the_tables_and_columns_are_named_as_in_sqlite() {
    let Some(mut client) = database() else { return };
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("tracker.db");
    drop(Store::open(&path).expect("a new SQLite database"));
    let sqlite = rusqlite::Connection::open(&path).expect("open SQLite");
    let mut statement = sqlite
        .prepare(
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .expect("prepare");
    let in_sqlite: BTreeSet<(String, String)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("read SQLite's columns")
        .collect::<Result<_, _>>()
        .expect("columns");
    let in_postgres: BTreeSet<(String, String)> = client
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> 'schema_migration'",
            &[],
        )
        .expect("read PostgreSQL's columns")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    assert!(in_sqlite.len() > 50, "read SQLite's columns: {in_sqlite:?}");
    let missing: Vec<_> = in_sqlite.difference(&in_postgres).collect();
    assert!(missing.is_empty(), "missing in PostgreSQL: {missing:?}");
    let only_postgres: BTreeSet<(&str, &str)> = in_postgres
        .difference(&in_sqlite)
        .map(|(table, column)| (table.as_str(), column.as_str()))
        .collect();
    assert_eq!(only_postgres, BTreeSet::from(POSTGRES_ONLY));
}

/// Columns SQLite has no use for: identity from logins, and who may confirm
/// each requirement, as the database's permissions read it.
const POSTGRES_ONLY: [(&str, &str); 7] = [
    ("checkin_signature", "signed_login"),
    ("gateway_signature", "signed_login"),
    ("person_login", "login"),
    ("person_login", "person_id"),
    ("requirement_confirmer", "framework_id"),
    ("requirement_confirmer", "requirement_id"),
    ("requirement_confirmer", "role"),
];

#[test]
fn checks_refuse_a_bad_enum_value_a_bad_date_order_and_hours_out_of_range() {
    let Some(mut client) = database() else { return };
    draft_with_content(&mut client);
    assert_check_violation(
        &mut client,
        "INSERT INTO person (name, role, created_at) VALUES ('Ivy', 'inspector', now())",
    );
    assert_check_violation(
        &mut client,
        "INSERT INTO evidence (enrolment_id, date, title, kind, created_at)
         VALUES (1, '2026-02-01', 'Notes', 'hearsay', now())",
    );
    assert_check_violation(
        &mut client,
        "INSERT INTO enrolment (person_id, framework_id, framework_version, framework_hash,
                                start_date, planned_end, created_at)
         VALUES (1, 'pcso-l4', '1', 'abc', '2026-01-05', '2026-01-05', now())",
    );
    assert_check_violation(
        &mut client,
        "INSERT INTO learning_break (enrolment_id, start_date, end_date)
         VALUES (1, '2026-04-10', '2026-04-09')",
    );
    for hours in ["0", "-1", "24.01", "25", "7.255"] {
        assert_check_violation(
            &mut client,
            &format!(
                "INSERT INTO hours_entry (enrolment_id, date, hours, category, created_at)
                 VALUES (1, '2026-02-01', {hours}, 'otj', now())"
            ),
        );
    }
    // The same rows with good values are taken.
    client
        .batch_execute(
            "INSERT INTO person (name, role, created_at) VALUES ('Ivy', 'employer', now());
             INSERT INTO learning_break (enrolment_id, start_date, end_date)
                 VALUES (1, '2026-04-10', '2026-04-10');
             INSERT INTO hours_entry (enrolment_id, date, hours, category, created_at)
                 VALUES (1, '2026-02-01', 24, 'otj', now()), (1, '2026-02-02', 7.25, 'otj', now());",
        )
        .expect("good rows");
}

#[test]
fn history_rows_are_never_updated_or_deleted() {
    let Some(mut client) = database() else { return };
    client
        .batch_execute(
            "INSERT INTO history (at, change, record, record_id, field, before, after)
             VALUES (now(), 'update', 'person', '1', 'name', 'Ann', 'Anne')",
        )
        .expect("append a history row");
    let message = refused(client.execute("UPDATE history SET after = 'Annie'", &[]));
    assert_eq!(message, "history is append-only");
    refused(client.execute("DELETE FROM history", &[]));
    refused(client.execute("TRUNCATE history", &[]));
    let after: String = client
        .query_one("SELECT after FROM history", &[])
        .expect("the row")
        .get(0);
    assert_eq!(after, "Anne");
}

#[test]
fn a_draft_changes_until_it_is_sealed_and_then_never() {
    let Some(mut client) = database() else { return };
    let id = draft_with_content(&mut client);
    client
        .execute(
            "UPDATE checkin SET next_due = '2026-05-01' WHERE id = $1",
            &[&id],
        )
        .expect("a draft is edited");
    client
        .execute(
            "UPDATE checkin_judgement SET judgement = 'exceeds' WHERE checkin_id = $1",
            &[&id],
        )
        .expect("a draft's judgement is changed");
    client
        .execute("DELETE FROM checkin_action WHERE checkin_id = $1", &[&id])
        .expect("a draft's action is removed");
    client
        .execute(
            "INSERT INTO checkin_action (checkin_id, text, owner) VALUES ($1, 'Lead a briefing', 'apprentice')",
            &[&id],
        )
        .expect("a draft's action is added");
    client.execute(SEAL, &[&id]).expect("seal");

    let edits = [
        "UPDATE checkin SET next_due = '2026-06-01' WHERE id = $1",
        "DELETE FROM checkin WHERE id = $1",
        "UPDATE checkin_judgement SET judgement = 'not_yet_competent' WHERE checkin_id = $1",
        "DELETE FROM checkin_judgement WHERE checkin_id = $1",
        "UPDATE checkin_action SET text = 'Something else' WHERE checkin_id = $1",
        "DELETE FROM checkin_action WHERE checkin_id = $1",
        "UPDATE checkin_section SET content = 'Rewritten' WHERE checkin_id = $1",
        "DELETE FROM checkin_section WHERE checkin_id = $1",
        "INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement) VALUES ($1, 'LO2', 'competent')",
    ];
    for sql in edits {
        refused(client.execute(sql, &[&id]));
    }
    let row = client
        .query_one(
            "SELECT c.next_due::text, j.judgement, a.text FROM checkin c
             JOIN checkin_judgement j ON j.checkin_id = c.id
             JOIN checkin_action a ON a.checkin_id = c.id WHERE c.id = $1",
            &[&id],
        )
        .expect("the sealed check-in");
    let kept: (String, String, String) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(
        kept,
        (
            "2026-05-01".to_string(),
            "exceeds".to_string(),
            "Lead a briefing".to_string()
        )
    );
}

#[test]
fn a_completed_check_in_is_signed_once_by_each_party_and_not_edited() {
    let Some(mut client) = database() else { return };
    let id = draft_with_content(&mut client);
    let sign = "INSERT INTO checkin_signature (checkin_id, role, person_id, signed_at)
                VALUES ($1, 'apprentice', 1, now())";
    refused(client.execute(sign, &[&id]));
    client
        .execute(
            "UPDATE checkin SET completed_at = now() WHERE id = $1",
            &[&id],
        )
        .expect("complete");
    refused(client.execute(
        "UPDATE checkin SET date = '2026-03-02' WHERE id = $1",
        &[&id],
    ));
    refused(client.execute(
        "UPDATE checkin_section SET content = 'Rewritten' WHERE checkin_id = $1",
        &[&id],
    ));
    client.execute(sign, &[&id]).expect("the apprentice signs");
    for sql in [
        "UPDATE checkin_signature SET person_id = 2 WHERE checkin_id = $1",
        "DELETE FROM checkin_signature WHERE checkin_id = $1",
    ] {
        refused(client.execute(sql, &[&id]));
    }
    client
        .execute(SEAL, &[&id])
        .expect("the last signature seals");
    refused(client.execute(
        "DELETE FROM checkin_signature WHERE checkin_id = $1",
        &[&id],
    ));
    let signer: i64 = client
        .query_one(
            "SELECT person_id FROM checkin_signature WHERE checkin_id = $1",
            &[&id],
        )
        .expect("the signature")
        .get(0);
    assert_eq!(signer, 1);
}

#[test]
fn a_draft_that_was_never_completed_can_be_removed() {
    let Some(mut client) = database() else { return };
    let id = draft_with_content(&mut client);
    client
        .batch_execute(&format!(
            "DELETE FROM checkin_section WHERE checkin_id = {id};
             DELETE FROM checkin_judgement WHERE checkin_id = {id};
             DELETE FROM checkin_action WHERE checkin_id = {id};
             DELETE FROM checkin WHERE id = {id};"
        ))
        .expect("a draft is removed");
}

#[test]
fn signing_times_keep_the_text_the_seal_covers() {
    let Some(mut client) = database() else { return };
    let id = draft_with_content(&mut client);
    let error = client
        .execute(
            "UPDATE checkin SET apprentice_signed_at = '1 March 2026' WHERE id = $1",
            &[&id],
        )
        .expect_err("not ISO 8601 in UTC");
    assert_eq!(error.code(), Some(&SqlState::CHECK_VIOLATION));
    client
        .execute(
            "UPDATE checkin SET apprentice_signed_at = '2026-03-01T10:00:00.000Z' WHERE id = $1",
            &[&id],
        )
        .expect("milliseconds");
    let kept: String = client
        .query_one(
            "SELECT apprentice_signed_at FROM checkin WHERE id = $1",
            &[&id],
        )
        .expect("read")
        .get(0);
    assert_eq!(kept, "2026-03-01T10:00:00.000Z");
}

#[test]
fn a_gateway_sign_off_is_signed_once_by_each_party_and_never_again_once_sealed() {
    let Some(mut client) = database() else { return };
    draft_with_content(&mut client);
    let sign = |role: &str| {
        format!(
            "INSERT INTO gateway_signature (enrolment_id, role, person_id, signed_at, rules)
             VALUES (1, '{role}', 1, now(), 'diploma\tmet')"
        )
    };
    client
        .execute(sign("apprentice").as_str(), &[])
        .expect("the apprentice signs");
    let twice = client
        .execute(sign("apprentice").as_str(), &[])
        .expect_err("one signature a party");
    assert_eq!(twice.code(), Some(&SqlState::UNIQUE_VIOLATION), "{twice}");
    for sql in [
        "UPDATE gateway_signature SET person_id = 2",
        "DELETE FROM gateway_signature",
    ] {
        refused(client.execute(sql, &[]));
    }
    client
        .execute(
            "INSERT INTO gateway_seal (enrolment_id, sealed_at, seal_hash) VALUES (1, now(), 'h')",
            &[],
        )
        .expect("sealed");
    let after_seal = refused(client.execute(sign("assessor").as_str(), &[]));
    assert!(after_seal.contains("never signed again"), "{after_seal}");
    for sql in [
        "UPDATE gateway_seal SET seal_hash = 'forged'",
        "DELETE FROM gateway_seal",
    ] {
        refused(client.execute(sql, &[]));
    }
}
