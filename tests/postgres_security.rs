//! Permissions the database enforces, tried as real logins with plain SQL:
//! an apprentice (Chloe, assessed by Sam, managed by Grace), another
//! apprentice (Dan, assessed by Eve) and an administrator (Ada). What each
//! may do through the app's statements is allowed; everything the
//! permission table forbids is refused by the server.

mod common;

use common::pg;
use pcso_tracker::domain::PersonId;
use pcso_tracker::framework::load_file;
use pcso_tracker::store::postgres::migrate;
use pcso_tracker::store::postgres::security::{self, SecurityError};
use postgres::error::SqlState;
use postgres::{Client, NoTls};
use std::collections::BTreeSet;
use std::path::Path;

/// A training unit on a fresh database, with a login for each person.
struct Unit {
    url: String,
    owner: Client,
    database: String,
    chloe: i64,
    sam: i64,
    grace: i64,
    dan: i64,
    eve: i64,
    ada: i64,
    chloe_enrolment: i64,
    dan_enrolment: i64,
    /// A completed check-in of each, awaiting signatures, judging LO1.
    chloe_review: i64,
    dan_review: i64,
}

const PEOPLE: [&str; 6] = ["chloe", "sam", "grace", "dan", "eve", "ada"];

/// The app's history row, as `store::history` writes it.
fn history(actor: i64, record: &str, record_id: &str, field: &str, enrolment: i64) -> String {
    format!(
        "INSERT INTO history (at, actor_id, change, record, record_id, field, before, after, enrolment_id)
         VALUES (now(), {actor}, 'update', '{record}', '{record_id}', '{field}', NULL, 'x', {enrolment})"
    )
}

/// The app's judgement, as `store::outcomes::write_judgement` writes it.
fn judgement(enrolment: i64, code: &str, word: &str, by: i64, checkin: Option<i64>) -> String {
    let checkin = checkin.map_or("NULL".to_string(), |id| id.to_string());
    format!(
        "INSERT INTO outcome_progress (enrolment_id, outcome_code, judgement, judgement_note, judged_by,
                                       judged_at, judged_in_checkin)
         VALUES ({enrolment}, '{code}', '{word}', 'Sound', {by}, now(), {checkin})
         ON CONFLICT (enrolment_id, outcome_code) DO UPDATE SET
           judgement = excluded.judgement, judgement_note = excluded.judgement_note,
           judged_by = excluded.judged_by, judged_at = excluded.judged_at,
           judged_in_checkin = excluded.judged_in_checkin"
    )
}

/// The app's requirement record, as `store::outcomes::set_requirement` writes it.
fn requirement(enrolment: i64, id: &str) -> String {
    format!(
        "INSERT INTO requirement_record (enrolment_id, requirement_id, status, date, reference, expires_on)
         VALUES ({enrolment}, '{id}', 'met', '2026-02-01', NULL, NULL)
         ON CONFLICT (enrolment_id, requirement_id) DO UPDATE SET
           status = excluded.status, date = excluded.date,
           reference = excluded.reference, expires_on = excluded.expires_on"
    )
}

/// The app's own status of an outcome, as `store::outcomes` writes it.
fn status(enrolment: i64, code: &str) -> String {
    format!(
        "INSERT INTO outcome_progress (enrolment_id, outcome_code, status, status_changed_at)
         VALUES ({enrolment}, '{code}', 'ready_for_review', now())
         ON CONFLICT (enrolment_id, outcome_code) DO UPDATE SET
           status = excluded.status, status_changed_at = excluded.status_changed_at"
    )
}

fn sign(checkin: i64, role: &str, person: i64) -> String {
    format!(
        "INSERT INTO checkin_signature (checkin_id, role, person_id, signed_at)
         VALUES ({checkin}, '{role}', {person}, now())"
    )
}

fn sign_gateway(enrolment: i64, role: &str, person: i64) -> String {
    format!(
        "INSERT INTO gateway_signature (enrolment_id, role, person_id, signed_at, rules)
         VALUES ({enrolment}, '{role}', {person}, now(), 'diploma\tmet')"
    )
}

impl Unit {
    /// None when no PostgreSQL server is installed.
    fn new() -> Option<Unit> {
        let url = pg::database()?;
        let owner = Client::connect(&url, NoTls).expect("connect as the owner");
        Some(Unit::owned_by(url, owner))
    }

    /// A unit whose database belongs to an ordinary role that may create
    /// roles, as a server's administrator would set one up: not a superuser,
    /// so row-level security applies to it too.
    fn owned_by_an_ordinary_role() -> Option<Unit> {
        let url = pg::database()?;
        let mut superuser = Client::connect(&url, NoTls).expect("connect");
        let database: String = one(&mut superuser, "SELECT current_database()::text");
        let owner = format!("owner_{database}");
        superuser
            .batch_execute(&format!(
                "CREATE ROLE {owner} LOGIN CREATEROLE; ALTER DATABASE {database} OWNER TO {owner};"
            ))
            .expect("an ordinary owner");
        let owner_url = url.replacen(
            "postgresql://postgres@",
            &format!("postgresql://{owner}@"),
            1,
        );
        let owner = Client::connect(&owner_url, NoTls).expect("connect as the owner");
        Some(Unit::owned_by(url, owner))
    }

    fn owned_by(url: String, mut owner: Client) -> Unit {
        migrate(&mut owner).expect("migrate");
        security::init(&mut owner).expect("init");
        let standard = concat!(env!("CARGO_MANIFEST_DIR"), "/standard/pcso-level4.yaml");
        let framework = load_file(Path::new(standard)).expect("the PCSO standard");
        security::record_confirmers(&mut owner, &[&framework]).expect("confirmers");
        let database: String = one(&mut owner, "SELECT current_database()::text");
        let mut add = |name: &str, role: &str, assessor: Option<i64>, employer: Option<i64>| {
            let id = |p: Option<i64>| p.map_or("NULL".to_string(), |p| p.to_string());
            one::<i64>(
                &mut owner,
                &format!(
                    "INSERT INTO person (name, role, assessor_id, employer_id, created_at)
                     VALUES ('{name}', '{role}', {}, {}, now()) RETURNING id",
                    id(assessor),
                    id(employer)
                ),
            )
        };
        let sam = add("Sam Patel", "assessor", None, None);
        let eve = add("Eve Stone", "assessor", None, None);
        let grace = add("Grace Hall", "employer", None, None);
        let ada = add("Ada King", "administrator", None, None);
        let chloe = add("Chloe Evans", "apprentice", Some(sam), Some(grace));
        let dan = add("Dan Hughes", "apprentice", Some(eve), None);
        let mut unit = Unit {
            url,
            owner,
            database,
            chloe,
            sam,
            grace,
            dan,
            eve,
            ada,
            chloe_enrolment: 0,
            dan_enrolment: 0,
            chloe_review: 0,
            dan_review: 0,
        };
        (unit.chloe_enrolment, unit.chloe_review) = unit.seed_records(chloe, sam, "Chloe");
        (unit.dan_enrolment, unit.dan_review) = unit.seed_records(dan, eve, "Dan");
        for (name, person) in PEOPLE.iter().zip([chloe, sam, grace, dan, eve, ada]) {
            let login = unit.login(name);
            security::grant_login(&mut unit.owner, PersonId(person), &login, None)
                .expect("grant a login");
        }
        unit
    }

    /// An enrolment with evidence, its history, a pending vetting record,
    /// an outcome in progress and a completed review awaiting signatures.
    fn seed_records(&mut self, person: i64, assessor: i64, name: &str) -> (i64, i64) {
        let owner = &mut self.owner;
        let enrolment: i64 = one(
            owner,
            &format!(
                "INSERT INTO enrolment (person_id, framework_id, framework_version, framework_hash,
                                        start_date, planned_end, created_at)
                 VALUES ({person}, 'pcso-level4', '2026.1', 'h', '2026-01-05', '2027-07-05', now())
                 RETURNING id"
            ),
        );
        let evidence: i64 = one(
            owner,
            &format!(
                "INSERT INTO evidence (enrolment_id, date, title, kind, created_by, created_at)
                 VALUES ({enrolment}, '2026-02-01', '{name}''s patrol notes', 'reflective_account',
                         {person}, now()) RETURNING id"
            ),
        );
        let review: i64 = one(
            owner,
            &format!(
                "INSERT INTO checkin (enrolment_id, date, assessor_id, created_at)
                 VALUES ({enrolment}, '2026-03-01', {assessor}, now()) RETURNING id"
            ),
        );
        owner
            .batch_execute(&format!(
                "{};
                 INSERT INTO requirement_record (enrolment_id, requirement_id) VALUES ({enrolment}, 'vetting');
                 INSERT INTO outcome_progress (enrolment_id, outcome_code, status)
                     VALUES ({enrolment}, 'LO1', 'in_progress');
                 INSERT INTO checkin_judgement (checkin_id, outcome_code, judgement, note)
                     VALUES ({review}, 'LO1', 'competent', 'Sound');
                 UPDATE checkin SET completed_at = now() WHERE id = {review};",
                history(person, "evidence", &evidence.to_string(), "title", enrolment)
            ))
            .expect("seed records");
        (enrolment, review)
    }

    /// The login of one of `PEOPLE` in this database (roles belong to the
    /// whole server, which the tests share).
    fn login(&self, name: &str) -> String {
        format!("{name}_{}", self.database)
    }

    /// Connected as one of `PEOPLE`, with no password: the test server
    /// trusts its socket, as `pg_hba.conf` may trust peer logins.
    fn connect(&self, name: &str) -> Client {
        let url = self.url.replacen(
            "postgresql://postgres@",
            &format!("postgresql://{}@", self.login(name)),
            1,
        );
        assert_ne!(url, self.url, "the test server's URL names its superuser");
        Client::connect(&url, NoTls).expect("connect as a login")
    }

    /// A value as the owner sees it.
    fn read<T: for<'a> postgres::types::FromSql<'a>>(&mut self, sql: &str) -> T {
        one(&mut self.owner, sql)
    }
}

fn one<T: for<'a> postgres::types::FromSql<'a>>(client: &mut Client, sql: &str) -> T {
    client
        .query_one(sql, &[])
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
        .get(0)
}

fn texts(client: &mut Client, sql: &str) -> BTreeSet<String> {
    client
        .query(sql, &[])
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
        .iter()
        .map(|row| row.get(0))
        .collect()
}

fn ids(client: &mut Client, sql: &str) -> Vec<i64> {
    client
        .query(sql, &[])
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
        .iter()
        .map(|row| row.get(0))
        .collect()
}

/// Refused by the server: no privilege, a policy's check, or a trigger.
fn denied(client: &mut Client, sql: &str) {
    let error = client.batch_execute(sql).expect_err(sql);
    // A refused statement inside BEGIN leaves the transaction aborted.
    client.batch_execute("ROLLBACK").expect("roll back");
    let code = error.code().unwrap_or_else(|| panic!("{sql}: {error}"));
    assert!(
        *code == SqlState::INSUFFICIENT_PRIVILEGE || *code == SqlState::RAISE_EXCEPTION,
        "{sql}: refused for another reason: {error}"
    );
}

/// Refused, or out of reach: the rows are invisible, so nothing changes.
fn changes_nothing(client: &mut Client, sql: &str) {
    match client.execute(sql, &[]) {
        Ok(rows) => assert_eq!(rows, 0, "{sql} changed rows"),
        Err(_) => denied(client, sql),
    }
}

#[test]
fn an_apprentice_reads_only_her_own_records() {
    let Some(mut unit) = Unit::new() else { return };
    let mut chloe = unit.connect("chloe");
    let me = security::current_person(&mut chloe).expect("who");
    assert_eq!(me, Some(PersonId(unit.chloe)));
    let owner = security::current_person(&mut unit.owner).expect("who");
    assert_eq!(owner, None, "the owner acts for nobody");
    let people = texts(&mut chloe, "SELECT name FROM person");
    assert!(people.contains("Chloe Evans"), "{people:?}");
    assert!(
        people.contains("Sam Patel"),
        "her assessor's name: {people:?}"
    );
    assert!(!people.contains("Dan Hughes"), "{people:?}");
    let own = vec![unit.chloe_enrolment];
    assert_eq!(ids(&mut chloe, "SELECT id FROM enrolment"), own);
    assert_eq!(
        texts(&mut chloe, "SELECT title FROM evidence"),
        BTreeSet::from(["Chloe's patrol notes".to_string()])
    );
    for table in [
        "history",
        "requirement_record",
        "outcome_progress",
        "checkin",
    ] {
        let sql = format!("SELECT DISTINCT enrolment_id FROM {table}");
        assert_eq!(ids(&mut chloe, &sql), own, "{table}");
    }
    assert_eq!(
        ids(&mut chloe, "SELECT checkin_id FROM checkin_judgement"),
        vec![unit.chloe_review]
    );
    assert_eq!(
        texts(&mut chloe, "SELECT login FROM person_login"),
        BTreeSet::from([unit.login("chloe")])
    );
    let mut dan = unit.connect("dan");
    assert_eq!(
        texts(&mut dan, "SELECT title FROM evidence"),
        BTreeSet::from(["Dan's patrol notes".to_string()])
    );
}

#[test]
fn an_apprentice_cannot_judge_confirm_for_her_employer_sign_for_others_or_touch_history() {
    let Some(mut unit) = Unit::new() else { return };
    let (mine, dans) = (unit.chloe_enrolment, unit.dan_enrolment);
    let (review, sam, chloe_id) = (unit.chloe_review, unit.sam, unit.chloe);
    let history_rows: i64 = unit.read("SELECT count(*) FROM history");
    let mut chloe = unit.connect("chloe");
    // Judging, directly or as her assessor.
    denied(
        &mut chloe,
        &format!("UPDATE outcome_progress SET judgement = 'exceeds' WHERE enrolment_id = {mine}"),
    );
    denied(&mut chloe, &judgement(mine, "LO2", "competent", sam, None));
    denied(
        &mut chloe,
        &judgement(mine, "LO2", "competent", chloe_id, None),
    );
    // Vetting is the employer's to confirm.
    denied(&mut chloe, &requirement(mine, "vetting"));
    changes_nothing(
        &mut chloe,
        "UPDATE requirement_record SET status = 'met' WHERE requirement_id = 'vetting'",
    );
    // Signing for anyone else, or naming the login a signature records.
    denied(&mut chloe, &sign(review, "assessor", sam));
    denied(&mut chloe, &sign(review, "assessor", chloe_id));
    denied(&mut chloe, &sign(review, "apprentice", sam));
    denied(&mut chloe, &sign(unit.dan_review, "apprentice", chloe_id));
    denied(
        &mut chloe,
        &format!(
            "INSERT INTO checkin_signature (checkin_id, role, person_id, signed_at, signed_login)
             VALUES ({review}, 'apprentice', {chloe_id}, now(), '{}')",
            unit.login("sam")
        ),
    );
    denied(&mut chloe, &sign_gateway(mine, "assessor", sam));
    // History: never changed, never removed, never written as someone else.
    denied(&mut chloe, "UPDATE history SET after = 'forged'");
    denied(&mut chloe, "DELETE FROM history");
    denied(&mut chloe, "TRUNCATE history");
    denied(&mut chloe, &history(sam, "evidence", "1", "title", mine));
    // Someone else's records, her assignment, her review's content.
    denied(
        &mut chloe,
        &format!(
            "INSERT INTO evidence (enrolment_id, date, title, kind, created_by, created_at)
             VALUES ({dans}, '2026-02-02', 'Planted', 'other', {chloe_id}, now())"
        ),
    );
    changes_nothing(
        &mut chloe,
        &format!("UPDATE evidence SET title = 'Mine now' WHERE enrolment_id = {dans}"),
    );
    denied(
        &mut chloe,
        &format!(
            "UPDATE person SET assessor_id = {} WHERE id = {chloe_id}",
            unit.eve
        ),
    );
    denied(
        &mut chloe,
        &format!("UPDATE checkin SET next_due = '2026-09-01' WHERE id = {review}"),
    );
    denied(
        &mut chloe,
        &format!("UPDATE checkin SET state = 'sealed', seal_hash = 'h' WHERE id = {review}"),
    );
    // None of it took.
    let kept: (String, String, i64) = (
        unit.read(&format!(
            "SELECT judgement FROM outcome_progress WHERE enrolment_id = {mine}"
        )),
        unit.read(&format!(
            "SELECT status FROM requirement_record WHERE enrolment_id = {mine}"
        )),
        unit.read("SELECT count(*) FROM history"),
    );
    assert_eq!(
        kept,
        ("not_assessed".into(), "pending".into(), history_rows)
    );
}

#[test]
fn an_apprentice_records_her_own_evidence_hours_and_status_with_their_history() {
    let Some(mut unit) = Unit::new() else { return };
    let (mine, me) = (unit.chloe_enrolment, unit.chloe);
    let mut chloe = unit.connect("chloe");
    let mut change = chloe.transaction().expect("begin");
    change
        .batch_execute("SELECT pg_advisory_xact_lock(1)")
        .expect("one writer at a time");
    let evidence: i64 = change
        .query_one(
            &format!(
                "INSERT INTO evidence (enrolment_id, date, title, kind, description, file_ref, created_by, created_at)
                 VALUES ({mine}, '2026-02-03', 'Witness statement', 'witness_testimony', '', NULL, {me}, now())
                 RETURNING id"
            ),
            &[],
        )
        .expect("her evidence")
        .get(0);
    let hours: i64 = change
        .query_one(
            &format!(
                "INSERT INTO hours_entry (enrolment_id, date, hours, category, activity, note, benefit,
                                          possible_duplicate_of, created_by, created_at)
                 VALUES ({mine}, '2026-02-03', 7.5, 'otj', NULL, '', NULL, NULL, {me}, now())
                 RETURNING id"
            ),
            &[],
        )
        .expect("her hours")
        .get(0);
    change
        .batch_execute(&format!(
            "INSERT INTO evidence_outcome (evidence_id, outcome_code) VALUES ({evidence}, 'LO1')
                 ON CONFLICT DO NOTHING;
             {};
             UPDATE evidence SET title = 'Witness statement (signed)' WHERE id = {evidence};
             INSERT INTO hours_outcome (hours_id, outcome_code) VALUES ({hours}, 'LO1');
             {};
             UPDATE hours_entry SET deleted_at = now() WHERE id = {hours};
             {};
             {};
             {};",
            history(me, "evidence", &evidence.to_string(), "title", mine),
            history(me, "hours_entry", &hours.to_string(), "hours", mine),
            status(mine, "LO1"),
            status(mine, "LO3"),
            history(
                me,
                "outcome_progress",
                &format!("{mine}/LO1"),
                "status",
                mine
            ),
        ))
        .expect("her own records");
    let version: i64 = change
        .query_one(
            &format!(
                "SELECT coalesce(max(id), 0) FROM history WHERE record = 'evidence' AND record_id = '{evidence}'"
            ),
            &[],
        )
        .expect("the record's version")
        .get(0);
    assert!(version > 0);
    change.commit().expect("commit");
    let written: i64 = unit.read(&format!(
        "SELECT count(*) FROM history WHERE actor_id = {me} AND enrolment_id = {mine}"
    ));
    assert_eq!(written, 4, "the seeded row and three of hers");
    let statuses: i64 = unit.read(&format!(
        "SELECT count(*) FROM outcome_progress WHERE enrolment_id = {mine} AND status = 'ready_for_review'"
    ));
    assert_eq!(statuses, 2);
}

#[test]
fn an_assessor_judges_her_caseload_and_confirms_only_what_the_framework_gives_her() {
    let Some(mut unit) = Unit::new() else { return };
    let (chloes, dans, sam, eve) = (unit.chloe_enrolment, unit.dan_enrolment, unit.sam, unit.eve);
    let mut sam_login = unit.connect("sam");
    sam_login
        .batch_execute(&format!(
            "BEGIN; {}; {}; {}; {}; COMMIT;",
            judgement(chloes, "LO1", "competent", sam, None),
            history(
                sam,
                "outcome_progress",
                &format!("{chloes}/LO1"),
                "judgement",
                chloes
            ),
            requirement(chloes, "maths-l2"),
            history(
                sam,
                "requirement_record",
                &format!("{chloes}/maths-l2"),
                "status",
                chloes
            ),
        ))
        .expect("Sam judges Chloe and confirms her maths");
    denied(
        &mut sam_login,
        &judgement(dans, "LO1", "competent", sam, None),
    );
    denied(
        &mut sam_login,
        &judgement(chloes, "LO2", "competent", eve, None),
    );
    denied(&mut sam_login, &requirement(chloes, "vetting"));
    denied(&mut sam_login, &status(chloes, "LO1"));
    denied(
        &mut sam_login,
        &history(sam, "evidence", "1", "title", dans),
    );
    let mut eve_login = unit.connect("eve");
    eve_login
        .batch_execute(&judgement(dans, "LO1", "exceeds", eve, None))
        .expect("Eve judges Dan");
    denied(
        &mut eve_login,
        &judgement(chloes, "LO1", "exceeds", eve, None),
    );
    let judged: (String, i64) = (
        unit.read(&format!(
            "SELECT judgement FROM outcome_progress WHERE enrolment_id = {chloes} AND outcome_code = 'LO1'"
        )),
        unit.read(&format!(
            "SELECT judged_by FROM outcome_progress WHERE enrolment_id = {chloes} AND outcome_code = 'LO1'"
        )),
    );
    assert_eq!(judged, ("competent".to_string(), sam));
}

#[test]
fn an_employer_signs_and_confirms_for_her_apprentices_only() {
    let Some(mut unit) = Unit::new() else { return };
    let (chloes, dans, grace) = (unit.chloe_enrolment, unit.dan_enrolment, unit.grace);
    let review = unit.chloe_review;
    let mut grace_login = unit.connect("grace");
    grace_login
        .batch_execute(&format!(
            "BEGIN; {}; {}; {}; COMMIT;",
            sign(review, "employer", grace),
            history(
                grace,
                "checkin",
                &review.to_string(),
                "signature:employer",
                chloes
            ),
            requirement(chloes, "vetting"),
        ))
        .expect("Grace signs Chloe's review and confirms her vetting");
    denied(&mut grace_login, &sign(unit.dan_review, "employer", grace));
    denied(&mut grace_login, &requirement(dans, "vetting"));
    denied(&mut grace_login, &requirement(chloes, "maths-l2"));
    denied(
        &mut grace_login,
        &format!("UPDATE outcome_progress SET judgement = 'exceeds' WHERE enrolment_id = {chloes}"),
    );
    let signed_login: String = unit.read(&format!(
        "SELECT signed_login FROM checkin_signature WHERE checkin_id = {review}"
    ));
    assert_eq!(signed_login, unit.login("grace"));
}

#[test]
fn the_last_party_to_sign_seals_the_review_and_its_judgements_take_effect() {
    let Some(mut unit) = Unit::new() else { return };
    let (mine, review, me, sam) = (
        unit.chloe_enrolment,
        unit.chloe_review,
        unit.chloe,
        unit.sam,
    );
    unit.connect("sam")
        .batch_execute(&sign(review, "assessor", sam))
        .expect("Sam signs");
    unit.connect("grace")
        .batch_execute(&sign(review, "employer", unit.grace))
        .expect("Grace signs");
    let mut chloe = unit.connect("chloe");
    denied(
        &mut chloe,
        &format!("UPDATE checkin SET state = 'sealed', seal_hash = 'h' WHERE id = {review}"),
    );
    let seal = format!(
        "BEGIN;
         {};
         {};
         UPDATE checkin SET
             apprentice_signed_at = '2026-03-02T10:00:00.000Z', assessor_signed_at = '2026-03-02T09:00:00.000Z',
             apprentice_signature = (SELECT p.name FROM checkin_signature s JOIN person p ON p.id = s.person_id
                                     WHERE s.checkin_id = {review} AND s.role = 'apprentice'),
             assessor_signature = (SELECT p.name FROM checkin_signature s JOIN person p ON p.id = s.person_id
                                   WHERE s.checkin_id = {review} AND s.role = 'assessor')
         WHERE id = {review};
         UPDATE checkin SET state = 'sealed', seal_hash = 'h1', previous_seal_hash = NULL WHERE id = {review};
         {};
         {};
         {};
         COMMIT;",
        sign(review, "apprentice", me),
        history(me, "checkin", &review.to_string(), "signature:apprentice", mine),
        history(me, "checkin", &review.to_string(), "state", mine),
        judgement(mine, "LO1", "competent", sam, Some(review)),
        history(sam, "outcome_progress", &format!("{mine}/LO1"), "judgement", mine),
    );
    // Signed, she still cannot name someone else as a signer.
    let forged = seal.replace(
        "apprentice_signature = (SELECT p.name",
        "apprentice_signature = (SELECT 'Grace Hall'",
    );
    assert_ne!(forged, seal);
    denied(&mut chloe, &forged);
    // The review judged LO1 competent: a copy saying otherwise is refused.
    denied(
        &mut chloe,
        &seal.replace("'competent', 'Sound', ", "'exceeds', 'Sound', "),
    );
    chloe
        .batch_execute(&seal)
        .expect("Chloe signs last and seals");
    let sealed: (String, String, String, i64) = (
        unit.read(&format!("SELECT state FROM checkin WHERE id = {review}")),
        unit.read(&format!(
            "SELECT apprentice_signature FROM checkin WHERE id = {review}"
        )),
        unit.read(&format!(
            "SELECT judgement FROM outcome_progress WHERE enrolment_id = {mine} AND outcome_code = 'LO1'"
        )),
        unit.read(&format!(
            "SELECT actor_id FROM history WHERE record = 'outcome_progress' AND field = 'judgement'
             AND record_id = '{mine}/LO1'"
        )),
    );
    assert_eq!(
        sealed,
        (
            "sealed".into(),
            "Chloe Evans".into(),
            "competent".into(),
            sam
        )
    );
}

#[test]
fn a_gateway_signature_is_given_only_as_oneself_and_records_the_login() {
    let Some(mut unit) = Unit::new() else { return };
    let (mine, dans, me) = (unit.chloe_enrolment, unit.dan_enrolment, unit.chloe);
    let mut chloe = unit.connect("chloe");
    chloe
        .batch_execute(&sign_gateway(mine, "apprentice", me))
        .expect("Chloe signs her gateway");
    denied(&mut chloe, &sign_gateway(dans, "apprentice", me));
    denied(&mut chloe, &sign_gateway(mine, "employer", unit.grace));
    denied(
        &mut chloe,
        &format!(
            "INSERT INTO gateway_seal (enrolment_id, sealed_at, seal_hash) VALUES ({dans}, now(), 'h')"
        ),
    );
    let signed_login: String = unit.read(&format!(
        "SELECT signed_login FROM gateway_signature WHERE enrolment_id = {mine}"
    ));
    assert_eq!(signed_login, unit.login("chloe"));
}

#[test]
fn an_administrator_reads_everyone_and_corrects_but_does_not_judge() {
    let Some(mut unit) = Unit::new() else { return };
    let (chloes, ada, chloe_id) = (unit.chloe_enrolment, unit.ada, unit.chloe);
    let mut ada_login = unit.connect("ada");
    for table in [
        "person",
        "enrolment",
        "evidence",
        "history",
        "checkin",
        "person_login",
    ] {
        let sql = format!("SELECT count(*) FROM {table}");
        let all: i64 = unit.read(&sql);
        assert_eq!(one::<i64>(&mut ada_login, &sql), all, "{table}");
    }
    ada_login
        .batch_execute(&format!(
            "BEGIN;
             UPDATE person SET employer_id = NULL WHERE id = {chloe_id};
             INSERT INTO history (at, actor_id, change, record, record_id, field, before, after)
                 VALUES (now(), {ada}, 'update', 'person', '{chloe_id}', 'employer_id', NULL, NULL);
             {};
             COMMIT;",
            requirement(chloes, "minimum-age"),
        ))
        .expect("Ada corrects Chloe's assignment and confirms her age");
    denied(
        &mut ada_login,
        &judgement(chloes, "LO1", "competent", ada, None),
    );
    denied(&mut ada_login, &requirement(chloes, "vetting"));
    denied(&mut ada_login, "DELETE FROM history");
}

#[test]
fn init_and_grant_login_run_again_and_refuse_a_taken_or_privileged_login() {
    let Some(mut unit) = Unit::new() else { return };
    security::init(&mut unit.owner).expect("init again");
    let chloe_login = unit.login("chloe");
    security::grant_login(&mut unit.owner, PersonId(unit.chloe), &chloe_login, None)
        .expect("grant again");
    let taken = security::grant_login(&mut unit.owner, PersonId(unit.dan), &chloe_login, None);
    assert!(
        matches!(&taken, Err(SecurityError::LoginTaken { person, .. }) if person == "Chloe Evans"),
        "{taken:?}"
    );
    let superuser = security::grant_login(&mut unit.owner, PersonId(unit.dan), "postgres", None);
    assert!(
        matches!(superuser, Err(SecurityError::Privileged(_))),
        "{superuser:?}"
    );
    let missing = security::grant_login(&mut unit.owner, PersonId(9999), "nobody_here", None);
    assert!(matches!(missing, Err(SecurityError::NoSuchPerson(9999))));
    // A password is kept only as a SCRAM verifier.
    let dan_login = unit.login("dan");
    security::grant_login(
        &mut unit.owner,
        PersonId(unit.dan),
        &dan_login,
        Some("correct horse"),
    )
    .expect("a password");
    let stored: String = unit.read(&format!(
        "SELECT rolpassword FROM pg_authid WHERE rolname = '{dan_login}'"
    ));
    assert!(stored.starts_with("SCRAM-SHA-256$"), "{stored}");
    assert!(!stored.contains("correct horse"));
    // Still works, still only her own records, in one group.
    let mut chloe = unit.connect("chloe");
    assert_eq!(
        ids(&mut chloe, "SELECT id FROM enrolment"),
        vec![unit.chloe_enrolment]
    );
    let groups: i64 = unit.read(&format!(
        "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
         WHERE r.rolname = '{chloe_login}'"
    ));
    assert_eq!(groups, 1);
}

#[test]
fn an_owner_that_is_no_superuser_sets_up_the_unit_and_sees_everyone_under_forced_security() {
    let Some(mut unit) = Unit::owned_by_an_ordinary_role() else {
        return;
    };
    let bypasses: bool =
        unit.read("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user");
    assert!(!bypasses);
    let everyone: i64 = unit.read("SELECT count(*) FROM person");
    assert_eq!(everyone, 6);
    let mut chloe = unit.connect("chloe");
    assert_eq!(
        ids(&mut chloe, "SELECT id FROM enrolment"),
        vec![unit.chloe_enrolment]
    );
    denied(&mut chloe, &requirement(unit.chloe_enrolment, "vetting"));
}

fn plan(enrolment: i64, organisation: &str) -> String {
    format!(
        "INSERT INTO training_plan (enrolment_id, planned_end, assessment_organisation,
                                    organisation_chosen_on, changed_at)
         VALUES ({enrolment}, '2027-07-05', '{organisation}', '2026-02-01', now())"
    )
}

#[test]
fn the_assessor_or_an_administrator_writes_a_training_plan_others_only_read_their_own() {
    let Some(unit) = Unit::new() else { return };
    let (chloes, dans, sam) = (unit.chloe_enrolment, unit.dan_enrolment, unit.sam);
    let mut sam_login = unit.connect("sam");
    sam_login
        .batch_execute(&format!(
            "BEGIN; {}; {}; COMMIT;",
            plan(chloes, "Policing EPA Ltd"),
            history(
                sam,
                "training_plan",
                &chloes.to_string(),
                "assessment_organisation",
                chloes
            ),
        ))
        .expect("Sam records Chloe's plan");
    denied(&mut sam_login, &plan(dans, "Other EPA"));
    let mut ada_login = unit.connect("ada");
    ada_login
        .batch_execute(&plan(dans, "Other EPA"))
        .expect("an administrator records Dan's plan");
    let mut chloe_login = unit.connect("chloe");
    let seen = texts(
        &mut chloe_login,
        "SELECT assessment_organisation FROM training_plan",
    );
    assert_eq!(seen, BTreeSet::from(["Policing EPA Ltd".to_string()]));
    changes_nothing(
        &mut chloe_login,
        &format!(
            "UPDATE training_plan SET assessment_organisation = 'Mine' WHERE enrolment_id = {chloes}"
        ),
    );
    let mut grace_login = unit.connect("grace");
    denied(&mut grace_login, &plan(chloes, "Employer choice"));
}
