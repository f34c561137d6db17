//! Each schema migration run against a database in the shape before it, as
//! an earlier build left it: every record written then must still be there,
//! with its values, once `Store::open` has upgraded the file.
//!
//! A new migration gets a line in `MIGRATIONS` (the first test fails until
//! it has one) and a test that fills `database_at_version` at the version
//! before it, opens it and reads everything back.
//!
//! SQLite only: these are the SQLite file's own migrations from earlier
//! builds; PostgreSQL's schema started at its current shape (tests/postgres_schema.rs).

use chrono::NaiveDate;
use pcso_tracker::domain::{
    ActionReview, AgreedAction, CheckinJudgement, CheckinSection, CheckinSummary, Enrolment,
    EnrolmentId, EnrolmentStatus, EvidenceItem, EvidenceKind, HoursEntry, HoursReview, Judgement,
    OutcomeRecord, OutcomeStatus, Person, PersonId, Progress, RequirementRecord, RequirementStatus,
    Role, Signing, Version, seal,
};
use pcso_tracker::store::{
    APPLICATION_ID, HistoryRow, NameAnchor, PeopleFilter, RecordKey, SCHEMA_VERSION, Store,
    StoreError,
};
use rusqlite::Connection;
use std::fs;
use std::path::Path;

/// The store's migrations in order, read from the same files it applies.
const MIGRATIONS: [&str; 12] = [
    include_str!("../src/store/migrations/0001_initial.sql"),
    include_str!("../src/store/migrations/0002_checkin_signatures.sql"),
    include_str!("../src/store/migrations/0003_one_open_draft.sql"),
    include_str!("../src/store/migrations/0004_lookup_indexes.sql"),
    include_str!("../src/store/migrations/0005_roles.sql"),
    include_str!("../src/store/migrations/0006_pins.sql"),
    include_str!("../src/store/migrations/0007_review_signatures.sql"),
    include_str!("../src/store/migrations/0008_gateway_signoff.sql"),
    include_str!("../src/store/migrations/0009_learner_record_and_epa.sql"),
    include_str!("../src/store/migrations/0010_evidence_files.sql"),
    include_str!("../src/store/migrations/0011_hours_review.sql"),
    include_str!("../src/store/migrations/0012_training_plan.sql"),
];

/// A database as a build at schema `version` left it: migrations 1 to
/// `version` applied, and the file marked as ours and in WAL mode.
fn database_at_version(path: &Path, version: usize) -> Connection {
    let connection = Connection::open(path).expect("a new SQLite file");
    for sql in &MIGRATIONS[..version] {
        connection.execute_batch(sql).expect("an earlier migration");
    }
    connection
        .pragma_update(None, "user_version", version as i64)
        .and_then(|()| connection.pragma_update(None, "application_id", APPLICATION_ID))
        .expect("marked as ours");
    connection
        .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .expect("WAL");
    connection
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// The store's file as another program sees it.
fn raw(store: &Store) -> Connection {
    Connection::open(store.path()).expect("open the file")
}

#[test]
fn records_from_version_7_have_no_gateway_sign_off_and_can_be_signed_off_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    // Version 1's records, brought to version 7 as its builds did.
    let connection = database_at_version(&path, 1);
    fill_version_1(&connection);
    // As the store does: migration 5 rebuilds a table others refer to.
    connection
        .pragma_update(None, "foreign_keys", "OFF")
        .expect("foreign keys off");
    for sql in &MIGRATIONS[1..7] {
        connection.execute_batch(sql).expect("migrations 2 to 7");
    }
    connection
        .pragma_update(None, "user_version", 7)
        .expect("at version 7");
    let history_before = history_rows(&connection);
    drop(connection);
    let store = Store::open(&path).expect("upgraded");
    assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
    assert_eq!(history_rows(&raw(&store)), history_before);
    let enrolment = store
        .latest_enrolment(PersonId(2))
        .expect("read")
        .expect("Ben's enrolment");
    let progress = store.progress(&enrolment).expect("progress");
    assert!(progress.gateway_signoff.signatures.is_empty());
    assert_eq!(progress.gateway_signoff.seal, None);
    assert_eq!(
        store.verify_gateway_seals().expect("verify"),
        (Vec::new(), 0)
    );
    let (problems, sealed) = store.verify_seals().expect("verify");
    assert_eq!((problems.len(), sealed), (0, 1), "{problems:?}");
    raw(&store)
        .execute(
            "INSERT INTO gateway_signature (enrolment_id, role, person_id, signed_at, rules)
             VALUES (1, 'assessor', 1, '2027-07-01T09:00:00.000Z', '')",
            [],
        )
        .expect("a signature for a recorded enrolment");
}

#[test]
fn records_from_version_8_have_no_training_plan_and_show_the_rules_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    let connection = database_at_version(&path, 1);
    fill_version_1(&connection);
    connection
        .pragma_update(None, "foreign_keys", "OFF")
        .expect("foreign keys off");
    for sql in &MIGRATIONS[1..8] {
        connection.execute_batch(sql).expect("migrations 2 to 8");
    }
    connection
        .pragma_update(None, "user_version", 8)
        .expect("at version 8");
    drop(connection);
    let store = Store::open(&path).expect("upgraded");
    assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
    let enrolment = store
        .latest_enrolment(PersonId(2))
        .expect("read")
        .expect("Ben's enrolment");
    assert_eq!(store.plan(enrolment.id).expect("read"), None);
    let refused = raw(&store).execute(
        "INSERT INTO training_plan (enrolment_id, planned_end, prior_learning_hours, changed_at)
         VALUES (1, '2027-07-01', 20, '2027-01-01T09:00:00.000Z')",
        [],
    );
    assert!(refused.is_err(), "prior learning needs its reason");
}

fn pragma(store: &Store, name: &str) -> i64 {
    raw(store)
        .pragma_query_value(None, name, |row| row.get(0))
        .expect("pragma")
}

/// One apprentice's records as schema version 1 stored them: an assessor,
/// an enrolment with a break, evidence (one item deleted), hours (one a
/// possible duplicate), requirements, outcome progress with a judgement
/// made at a sealed check-in, that check-in, a draft after it that reviews
/// its actions, and history rows.
const VERSION_1_RECORDS: &str = "
INSERT INTO person (id, name, role, date_of_birth, employer, assessor_id, created_at) VALUES
    (1, 'Sam Patel', 'assessor', NULL, 'Kent Police', NULL, '2026-01-02T09:00:00.000Z'),
    (2, 'Ben Okafor', 'apprentice', '2001-02-03', 'Kent Police', 1, '2026-01-02T09:05:00.000Z');
INSERT INTO enrolment (id, person_id, framework_id, framework_version, framework_hash, start_date,
                       planned_end, status, area_of_practice, employer_opt_in, created_at) VALUES
    (1, 2, 'pcso-level4', '1.0', 'f00dfeed', '2026-01-05', '2027-07-05', 'active', NULL, 1,
     '2026-01-02T09:05:00.000Z');
INSERT INTO learning_break (enrolment_id, start_date, end_date) VALUES (1, '2026-02-02', '2026-02-15');
INSERT INTO evidence (id, enrolment_id, date, title, kind, description, file_ref, deleted_at,
                      created_by, created_at) VALUES
    (1, 1, '2026-03-10', 'Ward panel write-up', 'work_product', 'Notes from the meeting',
     'portfolio/ward-panel.pdf', NULL, 2, '2026-03-10T17:00:00.000Z'),
    (2, 1, '2026-03-12', 'Duplicate upload', 'other', '', NULL, '2026-03-13T08:00:00.000Z', 2,
     '2026-03-12T17:00:00.000Z'),
    (3, 1, '2026-04-01', 'Observed patrol', 'observation', 'Line one\nline two | piped', NULL, NULL,
     1, '2026-04-01T12:00:00.000Z');
INSERT INTO evidence_outcome (evidence_id, outcome_code) VALUES
    (1, 'LO3'), (1, 'LO1'), (2, 'LO2'), (3, 'LO2');
INSERT INTO hours_entry (id, enrolment_id, date, hours, category, activity, note, benefit,
                         possible_duplicate_of, deleted_at, created_by, created_at) VALUES
    (1, 1, '2026-03-09', 7.5, 'off-the-job', 'coaching', 'Diploma unit 3', 'Better statements',
     NULL, NULL, 2, '2026-03-09T18:00:00.000Z'),
    (2, 1, '2026-03-09', 7.5, 'off-the-job', NULL, '', NULL, 1, NULL, 2,
     '2026-03-09T18:01:00.000Z');
INSERT INTO hours_outcome (hours_id, outcome_code) VALUES (1, 'LO1');
INSERT INTO requirement_record (enrolment_id, requirement_id, status, date, reference, expires_on) VALUES
    (1, 'maths-l2', 'exempt', NULL, NULL, NULL),
    (1, 'vetting', 'met', '2025-12-01', 'NPPV-3 4471', '2028-12-01');
INSERT INTO outcome_progress (enrolment_id, outcome_code, status, status_changed_at, judgement,
                              judgement_note, judged_by, judged_at) VALUES
    (1, 'LO1', 'completed', '2026-03-10T17:00:00.000Z', 'competent', 'Clear and well evidenced', 1,
     '2026-03-30'),
    (1, 'LO3', 'in_progress', '2026-03-10T17:01:00.000Z', 'not_assessed', NULL, NULL, NULL);
INSERT INTO checkin (id, enrolment_id, date, assessor_id, state, next_due, amends_id, amend_reason,
                     apprentice_signed_at, assessor_signed_at, seal_hash, previous_seal_hash,
                     created_at) VALUES
    (1, 1, '2026-03-30', 1, 'draft', '2026-06-22', NULL, NULL, NULL, NULL, NULL, NULL,
     '2026-03-30T10:00:00.000Z'),
    (2, 1, '2026-06-22', 1, 'draft', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     '2026-06-22T10:00:00.000Z');
INSERT INTO checkin_section (checkin_id, section, content) VALUES
    (1, 'since_last', 'Two pieces of evidence'),
    (1, 'hours', '12 h behind after leave;\ncatch-up agreed'),
    (2, 'concerns', 'None');
INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement, note) VALUES
    (1, 'LO1', 'competent', 'Clear and well evidenced');
INSERT INTO checkin_action (id, checkin_id, text, owner, due_date) VALUES
    (1, 1, 'Map evidence to LO3', 'Ben Okafor', '2026-05-01'),
    (2, 1, 'Book the diploma exam', 'Sam Patel', NULL);
INSERT INTO checkin_action_review (checkin_id, action_id, done, note) VALUES
    (2, 1, 1, 'Done in April'),
    (2, 2, 0, '');
INSERT INTO history (at, actor_id, change, record, record_id, field, before, after) VALUES
    ('2026-01-02T09:05:00.000Z', 1, 'insert', 'person', '2', 'name', NULL, 'Ben Okafor'),
    ('2026-03-10T17:00:00.000Z', 2, 'insert', 'evidence', '1', 'title', NULL, 'Ward panel write-up'),
    ('2026-03-10T17:00:00.000Z', 2, 'update', 'outcome_progress', '1/LO1', 'status', 'in_progress',
     'completed'),
    ('2026-03-30T11:00:00.000Z', 1, 'update', 'outcome_progress', '1/LO1', 'judgement',
     'not_assessed', 'competent');
";

/// Writes `VERSION_1_RECORDS` and seals check-in 1 as a version 1 build did.
fn fill_version_1(connection: &Connection) {
    connection
        .execute_batch(VERSION_1_RECORDS)
        .expect("version 1 records");
    connection
        .execute(
            "UPDATE checkin SET apprentice_signed_at = '2026-03-30T11:00:00.000Z',
                    assessor_signed_at = '2026-03-30T11:00:00.000Z' WHERE id = 1",
            [],
        )
        .expect("signed");
    let seal_hash = seal(None, &version_1_canonical_content(connection, 1));
    connection
        .execute(
            "UPDATE checkin SET state = 'sealed', seal_hash = ?1 WHERE id = 1",
            [&seal_hash],
        )
        .expect("sealed");
}

/// What a version 1 build's seal covered: the check-in row without its id
/// or signatures, then its sections, judgements and actions. This is
/// `canonical_content` as it stood in src/store/checkins.rs before 0002.
fn version_1_canonical_content(connection: &Connection, id: i64) -> String {
    let escape = |text: &str| {
        text.replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('\t', "\\t")
    };
    let row = version_1_checkin_fields(connection, id);
    let mut text = format!(
        "checkin\t{}\n",
        row.iter().map(|f| escape(f)).collect::<Vec<_>>().join("\t")
    );
    for (label, sql) in [
        (
            "section",
            "SELECT section, content FROM checkin_section WHERE checkin_id = ?1 ORDER BY section",
        ),
        (
            "judgement",
            "SELECT outcome_code, judgement || char(9) || note FROM checkin_judgement
             WHERE checkin_id = ?1 ORDER BY outcome_code",
        ),
        (
            "action",
            "SELECT text, owner || char(9) || coalesce(due_date, '') FROM checkin_action
             WHERE checkin_id = ?1 ORDER BY id",
        ),
    ] {
        for (key, value) in key_value_rows(connection, sql, id) {
            text.push_str(&format!("{label}\t{}\t{}\n", escape(&key), escape(&value)));
        }
    }
    text
}

/// The check-in row's fields a version 1 seal covered, as text.
fn version_1_checkin_fields(connection: &Connection, id: i64) -> Vec<String> {
    connection
        .query_row(
            "SELECT enrolment_id, date, assessor_id, coalesce(next_due, ''),
                    coalesce(amends_id, ''), coalesce(amend_reason, ''),
                    coalesce(apprentice_signed_at, ''), coalesce(assessor_signed_at, '')
             FROM checkin WHERE id = ?1",
            [id],
            |row| {
                (0..8)
                    .map(|index| {
                        row.get::<_, rusqlite::types::Value>(index)
                            .map(|value| match value {
                                rusqlite::types::Value::Integer(n) => n.to_string(),
                                rusqlite::types::Value::Text(text) => text,
                                _ => String::new(),
                            })
                    })
                    .collect()
            },
        )
        .expect("check-in row")
}

fn key_value_rows(connection: &Connection, sql: &str, id: i64) -> Vec<(String, String)> {
    connection
        .prepare(sql)
        .and_then(|mut statement| {
            statement
                .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect()
        })
        .expect("rows")
}

/// A store opened on a version 1 database holding `VERSION_1_RECORDS`.
fn upgraded_from_version_1(dir: &Path) -> Store {
    let path = dir.join("tracker.db");
    let connection = database_at_version(&path, 1);
    fill_version_1(&connection);
    drop(connection);
    Store::open(&path).expect("a version 1 database opens and is upgraded")
}

#[test]
fn this_file_lists_every_migration_the_store_applies() {
    assert_eq!(
        MIGRATIONS.len() as i64,
        SCHEMA_VERSION,
        "a new migration needs its line in MIGRATIONS and a test of its own here"
    );
}

#[test]
fn a_database_upgraded_from_any_version_has_the_schema_of_a_fresh_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let schema = |store: &Store| -> Vec<(String, String, Option<String>)> {
        let connection = raw(store);
        let mut statement = connection
            .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
            .expect("query");
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("schema")
    };
    let fresh = schema(&Store::open(&dir.path().join("fresh.db")).expect("fresh"));
    for version in 1..MIGRATIONS.len() {
        let path = dir.path().join(format!("from-{version}.db"));
        drop(database_at_version(&path, version));
        let store = Store::open(&path).expect("upgraded");
        assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
        assert_eq!(pragma(&store, "application_id"), APPLICATION_ID);
        assert_eq!(schema(&store), fresh, "upgraded from version {version}");
    }
}

#[test]
fn people_and_enrolments_from_version_1_survive_the_upgrade_to_signatures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
    assert_eq!(pragma(&store, "application_id"), APPLICATION_ID);

    let people = store.people().expect("people");
    let names: Vec<(&str, Role)> = people.iter().map(|p| (p.name.as_str(), p.role)).collect();
    assert_eq!(
        names,
        [
            ("Ben Okafor", Role::Apprentice),
            ("Sam Patel", Role::Assessor)
        ]
    );
    let ben = &people[0];
    assert_eq!(ben.assessor.as_deref(), Some("Sam Patel"));
    assert_eq!(ben.framework_id.as_deref(), Some("pcso-level4"));
    assert_eq!(ben.status, Some(EnrolmentStatus::Active));
    assert_eq!(ben.last_checkin, Some(date("2026-03-30")), "the sealed one");
    assert_eq!(ben.drafts, 1);

    assert_eq!(
        store.find_person("Sam Patel").expect("found by name"),
        Person {
            id: PersonId(1),
            name: "Sam Patel".into(),
            role: Role::Assessor,
            date_of_birth: None,
            employer: Some("Kent Police".into()),
            assessor_id: None,
            employer_id: None,
            uln: None,
            learning_support: None,
        }
    );
    let person = store.find_person("ben").expect("found by name");
    assert_eq!(
        person,
        Person {
            id: PersonId(2),
            name: "Ben Okafor".into(),
            role: Role::Apprentice,
            date_of_birth: Some(date("2001-02-03")),
            employer: Some("Kent Police".into()),
            assessor_id: Some(PersonId(1)),
            employer_id: None,
            uln: None,
            learning_support: None,
        }
    );
    let enrolment = store
        .latest_enrolment(person.id)
        .expect("read")
        .expect("enrolled");
    assert_eq!(
        enrolment,
        Enrolment {
            id: EnrolmentId(1),
            person_id: PersonId(2),
            framework_id: "pcso-level4".into(),
            framework_version: "1.0".into(),
            framework_hash: "f00dfeed".into(),
            start_date: date("2026-01-05"),
            planned_end: date("2027-07-05"),
            status: EnrolmentStatus::Active,
            area_of_practice: None,
            employer_opt_in: true,
            status_reason: None,
        }
    );
    assert_eq!(
        store.learning_breaks(enrolment.id).expect("breaks"),
        [(date("2026-02-02"), Some(date("2026-02-15")))]
    );
}

fn progress_of_ben(store: &Store) -> Progress {
    let enrolment = store
        .latest_enrolment(PersonId(2))
        .expect("read")
        .expect("enrolled");
    let mut progress = store.progress(&enrolment).expect("progress");
    // Versions are the history's row ids, not part of what was migrated.
    progress
        .outcomes
        .iter_mut()
        .for_each(|o| o.version = Version::default());
    progress
        .evidence
        .iter_mut()
        .for_each(|e| e.version = Version::default());
    progress
        .requirements
        .iter_mut()
        .for_each(|r| r.version = Version::default());
    progress
}

#[test]
fn outcome_progress_from_version_1_survives_with_no_check_in_marked_on_judgements() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    assert_eq!(
        progress_of_ben(&store).outcomes,
        [
            OutcomeRecord {
                code: "LO1".into(),
                status: OutcomeStatus::Completed,
                judgement: Judgement::Competent,
                judgement_note: Some("Clear and well evidenced".into()),
                judged_by: Some(1),
                judged_at: Some("2026-03-30".into()),
                // Version 1 did not record which check-in judged it.
                judged_in_checkin: None,
                version: Version::default(),
            },
            OutcomeRecord {
                code: "LO3".into(),
                status: OutcomeStatus::InProgress,
                judgement: Judgement::NotAssessed,
                judgement_note: None,
                judged_by: None,
                judged_at: None,
                judged_in_checkin: None,
                version: Version::default(),
            },
        ]
    );
    let history = store
        .history_of(&RecordKey::Outcome(EnrolmentId(1), "LO1".into()))
        .expect("history");
    assert_eq!(
        history,
        [
            HistoryRow {
                at: "2026-03-10T17:00:00.000Z".into(),
                actor: Some("Ben Okafor".into()),
                change: "update".into(),
                field: "status".into(),
                before: Some("in_progress".into()),
                after: Some("completed".into()),
            },
            HistoryRow {
                at: "2026-03-30T11:00:00.000Z".into(),
                actor: Some("Sam Patel".into()),
                change: "update".into(),
                field: "judgement".into(),
                before: Some("not_assessed".into()),
                after: Some("competent".into()),
            },
        ]
    );
}

#[test]
fn evidence_and_hours_from_version_1_survive_the_upgrade() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    let progress = progress_of_ben(&store);
    assert_eq!(
        progress.evidence,
        [
            EvidenceItem {
                id: 1,
                date: date("2026-03-10"),
                title: "Ward panel write-up".into(),
                kind: EvidenceKind::WorkProduct,
                description: "Notes from the meeting".into(),
                file_ref: Some("portfolio/ward-panel.pdf".into()),
                outcomes: vec!["LO1".into(), "LO3".into()],
                attachment: None,
                version: Version::default(),
            },
            EvidenceItem {
                id: 3,
                date: date("2026-04-01"),
                title: "Observed patrol".into(),
                kind: EvidenceKind::Observation,
                description: "Line one\nline two | piped".into(),
                file_ref: None,
                outcomes: vec!["LO2".into()],
                attachment: None,
                version: Version::default(),
            },
        ],
        "the deleted item stays deleted"
    );
    assert_eq!(
        progress.hours,
        [
            HoursEntry {
                id: 1,
                date: date("2026-03-09"),
                hours: 7.5,
                category: "off-the-job".into(),
                activity: Some("coaching".into()),
                note: "Diploma unit 3".into(),
                benefit: Some("Better statements".into()),
                possible_duplicate_of: None,
                outcomes: vec!["LO1".into()],
                review: HoursReview::Unreviewed,
                query_reason: None,
                version: progress.hours[0].version,
            },
            HoursEntry {
                id: 2,
                date: date("2026-03-09"),
                hours: 7.5,
                category: "off-the-job".into(),
                activity: None,
                note: String::new(),
                benefit: None,
                possible_duplicate_of: Some(1),
                outcomes: Vec::new(),
                review: HoursReview::Unreviewed,
                query_reason: None,
                version: progress.hours[1].version,
            },
        ]
    );
    assert_eq!(
        store
            .history_of(&RecordKey::Evidence(1))
            .expect("history")
            .len(),
        1
    );
}

/// 0010 lets evidence keep a file: evidence from before has none, and a
/// file is recorded whole (name, size and hash) or not at all.
#[test]
fn evidence_from_before_attached_files_has_none_and_a_file_is_recorded_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    let enrolment = store
        .latest_enrolment(PersonId(2))
        .expect("read")
        .expect("enrolled");
    assert_eq!(store.attachments(enrolment.id).expect("read"), []);
    assert_eq!(store.verify_files().expect("verify"), (vec![], 0));
    let connection = raw(&store);
    let half = connection.execute("UPDATE evidence SET file_name = 'a.pdf' WHERE id = 1", []);
    assert!(half.is_err(), "a name without a hash is refused");
    let hash = "ab".repeat(32);
    connection
        .execute(
            "UPDATE evidence SET file_name = 'a.pdf', file_size = 3, file_sha256 = ?1 WHERE id = 1",
            [&hash],
        )
        .expect("a whole file");
    let upper = connection.execute(
        "UPDATE evidence SET file_sha256 = ?1 WHERE id = 1",
        [hash.to_uppercase()],
    );
    assert!(upper.is_err(), "a hash is lower-case hex");
    let attached = store.attachments(enrolment.id).expect("read");
    assert_eq!(attached.len(), 1);
    assert_eq!((attached[0].0, attached[0].1.size), (1, 3));
}

#[test]
fn requirements_and_the_check_in_list_from_version_1_survive_the_upgrade() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    let progress = progress_of_ben(&store);
    assert_eq!(
        progress.requirements,
        [
            RequirementRecord {
                id: "maths-l2".into(),
                status: RequirementStatus::Exempt,
                date: None,
                reference: None,
                expires_on: None,
                version: Version::default(),
            },
            RequirementRecord {
                id: "vetting".into(),
                status: RequirementStatus::Met,
                date: Some(date("2025-12-01")),
                reference: Some("NPPV-3 4471".into()),
                expires_on: Some(date("2028-12-01")),
                version: Version::default(),
            },
        ]
    );
    assert_eq!(
        progress.checkins,
        [
            CheckinSummary {
                id: 1,
                date: date("2026-03-30"),
                assessor_id: 1,
                sealed: true,
                next_due: Some(date("2026-06-22")),
                amends: None,
                completed: None,
                signed_by: Vec::new(),
            },
            CheckinSummary {
                id: 2,
                date: date("2026-06-22"),
                assessor_id: 1,
                sealed: false,
                next_due: None,
                amends: None,
                completed: None,
                signed_by: Vec::new(),
            },
        ]
    );
}

#[test]
fn a_sealed_check_in_from_version_1_survives_the_upgrade_with_no_signatures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    let sealed = store.checkin(1).expect("check-in 1");
    assert!(sealed.sealed);
    assert_eq!(sealed.person, "Ben Okafor");
    assert_eq!(sealed.assessor, "Sam Patel");
    // Version 1 kept when both signed, not the names they typed.
    assert_eq!(
        sealed.signed,
        Some(Signing {
            at: "2026-03-30T11:00:00.000Z".into(),
            apprentice: String::new(),
            assessor: String::new(),
        })
    );
    assert_eq!(sealed.seal_hash.as_ref().map(String::len), Some(64));
    assert_eq!(sealed.previous_seal_hash, None);
    assert_eq!(
        sealed.content.section(CheckinSection::Hours),
        "12 h behind after leave;\ncatch-up agreed"
    );
    assert_eq!(
        sealed.content.section(CheckinSection::SinceLast),
        "Two pieces of evidence"
    );
    assert_eq!(
        sealed.content.judgements,
        [CheckinJudgement {
            code: "LO1".to_string(),
            judgement: Judgement::Competent,
            note: "Clear and well evidenced".to_string()
        }]
    );
    assert_eq!(
        sealed.content.actions,
        [
            AgreedAction {
                text: "Map evidence to LO3".into(),
                owner: "Ben Okafor".into(),
                due: Some(date("2026-05-01")),
            },
            AgreedAction {
                text: "Book the diploma exam".into(),
                owner: "Sam Patel".into(),
                due: None,
            },
        ]
    );
    assert_eq!(sealed.action_ids, [1, 2]);
    assert_eq!(sealed.content.next_due, Some(date("2026-06-22")));
}

#[test]
fn a_draft_from_version_1_keeps_its_action_reviews_and_no_check_in_has_signatures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    let draft = store.checkin(2).expect("check-in 2");
    assert!(!draft.sealed);
    assert_eq!(draft.signed, None);
    assert_eq!(draft.content.section(CheckinSection::Concerns), "None");
    assert_eq!(
        draft.content.action_reviews,
        [
            ActionReview {
                action_id: 1,
                done: true,
                note: "Done in April".into(),
            },
            ActionReview {
                action_id: 2,
                done: false,
                note: String::new(),
            },
        ]
    );
    let signatures: Vec<(Option<String>, Option<String>)> = raw(&store)
        .prepare("SELECT apprentice_signature, assessor_signature FROM checkin ORDER BY id")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect()
        })
        .expect("signature columns");
    assert_eq!(signatures, [(None, None), (None, None)]);
}

#[test]
fn a_draft_left_at_version_1_can_be_signed_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = upgraded_from_version_1(dir.path());
    let signing = Signing {
        at: "2026-06-22T11:00:00.000Z".into(),
        apprentice: "Ben Okafor".into(),
        assessor: "Sam Patel".into(),
    };
    let at = chrono::Utc::now();
    let change = store.change(at, Some(PersonId(1))).expect("change");
    change.seal_draft(2, &signing).expect("signed");
    change.commit().expect("kept");
    let record = store.checkin(2).expect("check-in 2");
    let first = store.checkin(1).expect("check-in 1");
    assert!(record.sealed);
    assert_eq!(
        record.signed.as_ref().map(|s| s.apprentice.as_str()),
        Some("Ben Okafor")
    );
    assert_eq!(
        record.previous_seal_hash, first.seal_hash,
        "the chain goes on"
    );
}

#[test]
fn seals_made_at_version_1_still_hold_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    let (problems, sealed) = store.verify_seals().expect("verify");
    assert_eq!(sealed, 1);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn after_the_upgrade_to_review_signatures_an_old_draft_is_still_the_open_one_and_waits_for_nobody()
{
    let dir = tempfile::tempdir().expect("temp dir");
    let store = upgraded_from_version_1(dir.path());
    let enrolment = store
        .latest_enrolment(PersonId(2))
        .expect("read")
        .expect("Ben's enrolment");
    assert_eq!(store.draft_for(enrolment.id).expect("draft"), Some(2));
    let progress = store.progress(&enrolment).expect("progress");
    assert!(progress.checkins.iter().all(|c| c.completed.is_none()));
    assert!(store.review_signatures(1).expect("read").is_empty());
}

#[test]
fn an_unmarked_database_with_our_tables_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    // Our first schema, made by hand: no version and no application id.
    Connection::open(&path)
        .and_then(|connection| {
            connection.execute_batch(MIGRATIONS[0])?;
            connection.execute_batch(VERSION_1_RECORDS)
        })
        .expect("an unmarked database");
    let before = fs::read(&path).expect("read");
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::NotADatabase { .. }), "{error}");
    assert!(fs::read(&path).expect("read") == before, "the file changed");
    let files = fs::read_dir(dir.path()).expect("folder").count();
    assert_eq!(files, 1, "no journal or WAL file was left beside it");
}

/// Schema 2 let one apprentice hold several drafts at once (two `checkin
/// amend` run together made them); 0003 keeps the newest open and sets the
/// others aside, kept and naming the draft that took their place.
#[test]
fn several_drafts_left_at_version_2_become_one_open_draft_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    let connection = database_at_version(&path, 2);
    fill_version_1(&connection);
    connection
        .execute_batch(
            "INSERT INTO checkin (id, enrolment_id, date, assessor_id, state, created_at)
             VALUES (3, 1, '2026-06-23', 1, 'draft', '2026-06-23T09:00:00.000Z');
             INSERT INTO checkin_section (checkin_id, section, content)
             VALUES (3, 'concerns', 'Second draft');",
        )
        .expect("a second open draft");
    drop(connection);
    let store = Store::open(&path).expect("upgraded");
    assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
    assert_eq!(store.draft_for(EnrolmentId(1)).expect("draft"), Some(3));
    let set_aside: (i64, Option<i64>) = raw(&store)
        .query_row(
            "SELECT count(*), max(superseded_by) FROM checkin WHERE superseded_by IS NOT NULL",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("set aside");
    assert_eq!(set_aside, (1, Some(3)), "the older draft names the newer");
    let older = store.checkin(2).expect("the older draft is kept");
    assert_eq!(older.content.section(CheckinSection::Concerns), "None");
    // From now on the database itself refuses a second open draft.
    let refused = raw(&store).execute(
        "INSERT INTO checkin (enrolment_id, date, assessor_id, created_at)
         VALUES (1, '2026-06-24', 1, '2026-06-24T09:00:00.000Z')",
        [],
    );
    assert!(refused.expect_err("unique").to_string().contains("UNIQUE"));
}

/// 0004 files each history row under the enrolment its record belongs to,
/// so one apprentice's changes are read by an index: rows written before it
/// keep every value, gain the enrolment, and stay append-only.
#[test]
fn history_from_version_3_is_kept_and_filed_under_its_enrolment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    // Version 1's records, brought to version 3 as its builds did.
    let connection = database_at_version(&path, 1);
    fill_version_1(&connection);
    for sql in &MIGRATIONS[1..3] {
        connection.execute_batch(sql).expect("migrations 2 and 3");
    }
    connection
        .pragma_update(None, "user_version", 3)
        .expect("at version 3");
    connection
        .execute_batch(
            "INSERT INTO history (at, actor_id, change, record, record_id, field, before, after) VALUES
             ('2026-01-02T09:05:00.000Z', 1, 'insert', 'enrolment', '1', 'start_date', NULL, '2026-01-05'),
             ('2026-02-02T09:00:00.000Z', 2, 'insert', 'learning_break', '1', 'start_date', NULL, '2026-02-02'),
             ('2026-03-09T18:00:00.000Z', 2, 'insert', 'hours_entry', '2', 'hours', NULL, '7.5'),
             ('2026-03-30T10:00:00.000Z', 1, 'insert', 'checkin', '2', 'date', NULL, '2026-06-22'),
             ('2026-04-02T10:00:00.000Z', 2, 'update', 'outcome_progress', '1/LO3', 'status',
              'not_started', 'in_progress'),
             ('2026-04-03T10:00:00.000Z', 1, 'update', 'requirement_record', '1/vetting', 'status',
              'pending', 'met');",
        )
        .expect("history rows of every kind");
    let before: Vec<Vec<String>> = history_rows(&connection);
    drop(connection);
    let store = Store::open(&path).expect("upgraded");
    let connection = raw(&store);
    assert_eq!(
        history_rows(&connection),
        before,
        "every row keeps its values"
    );
    let filed: Vec<(String, Option<i64>)> = connection
        .prepare("SELECT record, enrolment_id FROM history ORDER BY id")
        .expect("query")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("filed");
    for (record, enrolment) in &filed {
        let expected = if record == "person" { None } else { Some(1) };
        assert_eq!(*enrolment, expected, "{record}");
    }
    assert_eq!(filed.len(), 10);
    let changes = store
        .status_changes_since(EnrolmentId(1), date("2026-04-01"))
        .expect("changes");
    let codes: Vec<&str> = changes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        ["LO3"],
        "the status change since the day, by its enrolment"
    );
    let refused = connection.execute("UPDATE history SET after = 'x' WHERE id = 1", []);
    assert!(
        refused
            .expect_err("append-only")
            .to_string()
            .contains("append-only")
    );
}

fn history_rows(connection: &Connection) -> Vec<Vec<String>> {
    connection
        .prepare(
            "SELECT id, at, coalesce(actor_id, ''), change, record, record_id, field,
                    coalesce(before, ''), coalesce(after, '') FROM history ORDER BY id",
        )
        .expect("query")
        .query_map([], |row| {
            (0..9)
                .map(|i| {
                    Ok(row
                        .get_ref(i)?
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|_| {
                            row.get::<_, i64>(i)
                                .map(|n| n.to_string())
                                .unwrap_or_default()
                        }))
                })
                .collect()
        })
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("history")
}

#[test]
fn people_from_before_the_name_indexes_are_listed_by_name_a_window_at_a_time_from_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    let connection = database_at_version(&path, 2);
    fill_version_1(&connection);
    drop(connection);
    let store = Store::open(&path).expect("upgraded");
    assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
    let listed = store
        .listed_by_name(PeopleFilter::default(), NameAnchor::First, 0, 10)
        .expect("listed");
    let names: Vec<&str> = listed.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ben Okafor"], "only the enrolled are listed");
    let plan: Vec<String> = raw(&store)
        .prepare(
            "EXPLAIN QUERY PLAN SELECT id FROM person WHERE assessor_id = 1
               AND name >= 'B' COLLATE NOCASE ORDER BY name COLLATE NOCASE, id LIMIT 5",
        )
        .and_then(|mut s| s.query_map([], |row| row.get(3))?.collect())
        .expect("plan");
    assert!(
        plan.iter()
            .any(|step| step.contains("person_by_assessor_and_name")),
        "{plan:?}"
    );
}

/// 0006 adds PINs: people recorded before it have none, so each acts as
/// before until they set one.
#[test]
fn people_from_before_pins_have_none_and_can_set_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    let connection = database_at_version(&path, 4);
    connection
        .execute_batch(
            "INSERT INTO person (id, name, role, created_at)
             VALUES (1, 'Sam Patel', 'assessor', '2026-01-02T09:00:00.000Z');",
        )
        .expect("a person at version 4");
    drop(connection);
    let store = Store::open(&path).expect("upgraded");
    assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
    assert_eq!(store.pin(PersonId(1)).expect("read"), None);
    raw(&store)
        .execute(
            "INSERT INTO person_pin (person_id, hash) VALUES (1, '$argon2id$x')",
            [],
        )
        .expect("a PIN row for a recorded person");
    let pin = store.pin(PersonId(1)).expect("read").expect("set");
    assert_eq!((pin.tries.failed, pin.tries.locked_until), (0, None));
}

#[test]
fn people_from_version_4_keep_their_ids_roles_and_history_and_may_have_an_employer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    // Version 1's records, brought to version 4 as its builds did.
    let connection = database_at_version(&path, 1);
    fill_version_1(&connection);
    for sql in &MIGRATIONS[1..4] {
        connection.execute_batch(sql).expect("migrations 2 to 4");
    }
    connection
        .pragma_update(None, "user_version", 4)
        .expect("at version 4");
    let history_before = history_rows(&connection);
    drop(connection);
    let mut store = Store::open(&path).expect("upgraded");
    assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
    let ben = store.find_person("Ben Okafor").expect("ben");
    assert_eq!(
        (ben.id, ben.role, ben.assessor_id, ben.employer_id),
        (PersonId(2), Role::Apprentice, Some(PersonId(1)), None)
    );
    assert_eq!(store.find_person("Sam").expect("sam").role, Role::Assessor);
    assert_eq!(history_rows(&raw(&store)), history_before);
    let at = chrono::Utc::now();
    let change = store.change(at, Some(PersonId(1))).expect("change");
    let jo = change
        .add_person("Jo Reid", Role::Employer)
        .expect("employer");
    change.set_employer(ben.id, Some(jo)).expect("set");
    change.commit().expect("commit");
    let employer = store.employer_of(ben.id).expect("read").expect("named");
    assert_eq!(
        (employer.name.as_str(), employer.role),
        ("Jo Reid", Role::Employer)
    );
    let refused = raw(&store).execute(
        "INSERT INTO person (name, role, created_at) VALUES ('X', 'boss', 'now')",
        [],
    );
    assert!(refused.is_err(), "an unknown role is still refused");
}

#[test]
fn people_from_before_the_learner_record_have_no_uln_and_a_wrong_one_is_refused_by_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.db");
    let connection = database_at_version(&path, 8);
    connection
        .execute_batch(
            "INSERT INTO person (id, name, role, created_at)
             VALUES (1, 'Amy Clark', 'apprentice', '2026-01-02T09:00:00.000Z');",
        )
        .expect("a person at version 8");
    drop(connection);
    let store = Store::open(&path).expect("upgraded");
    assert_eq!(pragma(&store, "user_version"), SCHEMA_VERSION);
    let amy = store.person(PersonId(1)).expect("read");
    assert_eq!((amy.uln, amy.learning_support), (None, None));
    let raw = raw(&store);
    for uln in ["927630868", "92763O8686"] {
        let refused = raw.execute("UPDATE person SET uln = ?1 WHERE id = 1", [uln]);
        assert!(refused.is_err(), "{uln} was stored");
    }
    raw.execute("UPDATE person SET uln = '9276308686' WHERE id = 1", [])
        .expect("ten digits");
    raw.execute_batch(
        "INSERT INTO person (id, name, role, created_at)
         VALUES (2, 'Ben Ford', 'apprentice', '2026-01-02T09:00:00.000Z');",
    )
    .expect("a second person");
    let twice = raw.execute("UPDATE person SET uln = '9276308686' WHERE id = 2", []);
    assert!(twice.is_err(), "one ULN, one learner");
}
