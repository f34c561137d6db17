//! On a shared PostgreSQL database the login says who is acting: a person
//! granted a login acts as herself through the command line and the app,
//! without `--as` and without a PIN; naming anyone else is refused, and
//! every party signs a review from their own login, which the signature
//! records as the server saw it.

mod common;

use common::engine::Engine;
use common::fixture::Fixture;
use common::sandbox::TODAY;
use pcso_tracker::domain::{CheckinContent, Judgement};
use pcso_tracker::ops::OpError;
use pcso_tracker::store::Store;
use pcso_tracker::tui::{Launch, keymap, prepare, who};
use std::process::{Command, Output};

/// Fixture's unit on a server set up with `admin init`'s permissions, a
/// login for Amy, Sam (her assessor) and Jo (her employer).
struct Unit {
    f: Fixture,
    url: String,
    database: String,
}

impl Unit {
    fn new() -> Option<Unit> {
        let engine = Engine::postgres()?;
        let Engine::Postgres(url) = &engine else {
            return None;
        };
        let url = url.clone();
        let mut f = Fixture::on(engine);
        let frameworks = f.registry.all().expect("frameworks");
        f.store
            .set_up_permissions(&frameworks)
            .expect("permissions");
        let database = common::pg::database_name(&url).to_string();
        let unit = Unit { f, url, database };
        let mut f = unit.f;
        let people = [
            (f.amy, "amy"),
            (f.assessor, "sam"),
            (f.employer, "jo"),
            (f.admin, "ada"),
        ];
        for (person, name) in people {
            let login = format!("{name}_{}", unit.database);
            f.store.grant_login(person, &login, None).expect("a login");
        }
        Some(Unit { f, ..unit })
    }

    fn login(&self, name: &str) -> String {
        format!("{name}_{}", self.database)
    }

    /// The database's URL as `name`'s login.
    fn url_of(&self, name: &str) -> String {
        self.url.replacen(
            "postgresql://postgres@",
            &format!("postgresql://{}@", self.login(name)),
            1,
        )
    }

    fn run(&self, name: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
            .args(["--today", TODAY, "--db", &self.url_of(name)])
            .args(args)
            .env_remove("PCSO_TRACKER_DB")
            .output()
            .expect("the binary runs")
    }

    fn ok(&self, name: &str, args: &[&str]) -> String {
        let output = self.run(name, args);
        assert!(
            output.status.success(),
            "{name} {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    fn refused(&self, name: &str, args: &[&str]) -> String {
        let output = self.run(name, args);
        assert_eq!(output.status.code(), Some(1), "{name} {args:?}");
        String::from_utf8(output.stderr).expect("UTF-8")
    }

    fn owner_count(&self, sql: &str) -> i64 {
        postgres::Client::connect(&self.url, postgres::NoTls)
            .and_then(|mut client| client.query_one(sql, &[]))
            .expect("count")
            .get(0)
    }

    /// A check-in of Amy judging LO1 competent, completed by Sam.
    fn completed_review(&mut self) -> i64 {
        let amy = self.f.amy;
        let started = self.f.as_assessor().start_checkin(amy).expect("started");
        let mut content = CheckinContent {
            next_due: Some(common::day("2027-02-13")),
            ..CheckinContent::default()
        };
        content.judge("LO1", Judgement::Competent, Some("Seen on patrol".into()));
        self.f
            .as_assessor()
            .complete_checkin(started.id, &content)
            .expect("completed");
        started.id
    }
}

#[test]
fn a_login_acts_as_its_person_without_as_or_pin_and_never_as_anyone_else() {
    let Some(unit) = Unit::new() else {
        return;
    };
    unit.ok(
        "amy",
        &[
            "evidence",
            "add",
            "Amy Clark",
            "--title",
            "Beat surgery notes",
            "--outcomes",
            "LO1",
        ],
    );
    let by_amy = unit.owner_count(
        "SELECT count(*) FROM history h JOIN person p ON p.id = h.actor_id
         WHERE p.name = 'Amy Clark' AND h.record = 'evidence'",
    );
    assert!(by_amy > 0, "the evidence's history names Amy");

    let message = unit.refused("amy", &["--as", "Sam", "report", "Amy Clark"]);
    assert!(
        message.contains("your database login acts as Amy Clark, and only as Amy Clark"),
        "{message}"
    );
    let message = unit.refused(
        "amy",
        &[
            "--as",
            "Amy",
            "evidence",
            "add",
            "Amy",
            "--title",
            "x",
            "--outcomes",
            "LO1",
        ],
    );
    assert!(message.contains("leave out --as"), "{message}");
    let message = unit.refused("amy", &["pin", "set"]);
    assert!(
        message.contains("your database login says who you are"),
        "{message}"
    );

    // Her login reaches only her: Sam's caseload is not hers to list.
    let listed = unit.ok("amy", &["apprentice", "list"]);
    assert!(listed.contains("Amy Clark"), "{listed}");
}

#[test]
fn each_party_signs_a_review_from_their_own_login_and_the_signature_records_it() {
    let Some(mut unit) = Unit::new() else {
        return;
    };
    let id = unit.completed_review().to_string();
    // At Amy's keyboard, Sam cannot sign with a PIN: he signs as himself.
    let mut amy_store = Store::open_url(&unit.url_of("amy")).expect("Amy's connection");
    let sam = unit.f.assessor;
    let registry = unit.f.registry.clone();
    let in_person =
        pcso_tracker::ops::Ops::new(&mut amy_store, &registry, unit.f.clock, Some(unit.f.amy))
            .sign_review_in_person(id.parse().expect("id"), sam, "");
    match in_person {
        Err(OpError::Refused(message)) => {
            assert!(
                message.contains("Sam Patel signs from their own login"),
                "{message}"
            )
        }
        other => panic!("signing for Sam at Amy's login: {other:?}"),
    }

    unit.ok("amy", &["checkin", "sign", &id]);
    unit.ok("sam", &["checkin", "sign", &id]);
    let said = unit.ok("jo", &["checkin", "sign", &id]);
    assert!(said.contains("sealed"), "{said}");
    for (name, role) in [
        ("amy", "apprentice"),
        ("sam", "assessor"),
        ("jo", "employer"),
    ] {
        let recorded = unit.owner_count(&format!(
            "SELECT count(*) FROM checkin_signature
             WHERE checkin_id = {id} AND role = '{role}' AND signed_login = '{}'",
            unit.login(name)
        ));
        assert_eq!(recorded, 1, "{name}'s signature records her login");
    }
    let verified = unit.ok("sam", &["verify"]);
    assert!(verified.contains("ok"), "{verified}");
}

#[test]
fn an_administrators_login_enrols_and_an_assessors_login_runs_the_check_in() {
    let Some(unit) = Unit::new() else {
        return;
    };
    let args = [
        "apprentice",
        "add",
        "Bea Nowak",
        "--start",
        "2026-10-05",
        "--assessor",
        "Sam",
    ];
    let said = unit.ok("ada", &args);
    assert!(said.contains("Bea Nowak"), "{said}");
    let listed = unit.ok("sam", &["apprentice", "list"]);
    assert!(listed.contains("Bea Nowak"), "{listed}");

    let mut sam_store = Store::open_url(&unit.url_of("sam")).expect("Sam's connection");
    let bea = sam_store.find_person("Bea").expect("Bea").id;
    let registry = unit.f.registry.clone();
    let mut sam = pcso_tracker::ops::Ops::new(
        &mut sam_store,
        &registry,
        unit.f.clock,
        Some(unit.f.assessor),
    );
    let started = sam.start_checkin(bea).expect("Sam starts Bea's check-in");
    let mut content = CheckinContent {
        next_due: Some(common::day("2027-01-15")),
        ..CheckinContent::default()
    };
    content.judge(
        "LO2",
        Judgement::NotYetCompetent,
        Some("First weeks".into()),
    );
    sam.complete_checkin(started.id, &content)
        .expect("Sam completes it");
    let signed = sam.sign_review(started.id).expect("Sam signs it");
    assert!(!signed.sealed);
}

#[test]
fn the_app_opens_as_the_logins_person_and_offers_nobody_else() {
    let Some(unit) = Unit::new() else {
        return;
    };
    let store = Store::open_url(&unit.url_of("sam")).expect("Sam's connection");
    assert_eq!(store.login_person(), Some(unit.f.assessor));
    let launch = Launch {
        clock: unit.f.clock,
        acting_as: None,
    };
    let mut app = prepare(&store, unit.f.registry.clone(), &launch, (100, 30)).expect("starts");
    assert_eq!(app.viewer_id(), Some(unit.f.assessor));
    let p = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('p'));
    assert!(
        keymap::action_for(&app, p).is_none(),
        "no key offers to switch person"
    );
    who::ask_who(&mut app, &store, false);
    let said = app.status_line.clone().unwrap_or_default();
    assert!(
        said.contains("your database login acts as Sam Patel"),
        "{said}"
    );
    assert_eq!(app.viewer_id(), Some(unit.f.assessor));
}

/// Every everyday action, each through the login of the person who does it,
/// as the app makes them: what the permission table allows, the server's
/// policies allow too, history included.
#[test]
fn each_role_does_its_everyday_work_through_its_own_login() {
    use pcso_tracker::domain::{
        AgreedAction, CheckinSection, EvidenceKind, OutcomeStatus, RequirementStatus,
    };
    use pcso_tracker::ops::{EvidenceInput, HoursInput, Ops, RequirementInput, person_record};
    let Some(unit) = Unit::new() else {
        return;
    };
    let (amy, registry, clock) = (unit.f.amy, unit.f.registry.clone(), unit.f.clock);
    let connect = |name: &str| Store::open_url(&unit.url_of(name)).expect("a connection");
    let (mut amy_db, mut sam_db, mut jo_db, mut ada_db) = (
        connect("amy"),
        connect("sam"),
        connect("jo"),
        connect("ada"),
    );

    let mut as_amy = Ops::new(&mut amy_db, &registry, clock, Some(amy));
    let evidence = EvidenceInput {
        date: Some(common::day("2026-10-01")),
        title: "Ward panel minutes".into(),
        kind: EvidenceKind::WorkProduct,
        description: String::new(),
        file_ref: None,
        outcomes: vec!["LO1".into(), "LO3".into()],
    };
    let written = as_amy
        .add_evidence(amy, &evidence)
        .expect("Amy adds evidence");
    let version = as_amy
        .edit_evidence(
            written.id,
            &EvidenceInput {
                title: "Ward panel notes".into(),
                ..evidence
            },
            Some(written.version),
        )
        .expect("Amy edits it");
    let version = as_amy
        .delete_evidence(written.id, Some(version))
        .expect("Amy deletes it");
    as_amy
        .restore_evidence(written.id, Some(version))
        .expect("Amy restores it");
    let hours = HoursInput {
        date: Some(common::day("2026-10-02")),
        hours: 3.5,
        category: "off-the-job".into(),
        outcomes: vec!["LO1".into()],
        ..HoursInput::default()
    };
    let logged = as_amy.log_hours(amy, &hours).expect("Amy logs hours");
    as_amy.log_hours(amy, &hours).expect("Amy logs more hours");
    as_amy
        .delete_hours(logged.written.id, None)
        .expect("Amy deletes an entry");
    as_amy
        .set_outcome_status(amy, "LO1", OutcomeStatus::ReadyForReview, None)
        .expect("Amy marks LO1 ready");

    let met = RequirementInput {
        status: RequirementStatus::Met,
        date: Some(common::day("2026-08-01")),
        reference: None,
        expires_on: None,
    };
    let mut as_jo = Ops::new(&mut jo_db, &registry, clock, Some(unit.f.employer));
    as_jo
        .set_requirement(amy, "vetting", &met, None)
        .expect("Jo confirms vetting");
    let mut as_sam = Ops::new(&mut sam_db, &registry, clock, Some(unit.f.assessor));
    as_sam
        .set_requirement(amy, "english-l2", &met, None)
        .expect("Sam confirms English");
    as_sam
        .judge_outcome(
            amy,
            "LO2",
            Judgement::NotYetCompetent,
            "Needs a second observation",
            None,
        )
        .expect("Sam judges LO2 outside a check-in");
    let started = as_sam.start_checkin(amy).expect("Sam starts a check-in");
    let mut content = CheckinContent {
        next_due: Some(common::day("2027-02-13")),
        ..CheckinContent::default()
    };
    content.judge("LO1", Judgement::Competent, Some("Seen on patrol".into()));
    content
        .sections
        .push((CheckinSection::SinceLast, "Settled into the beat".into()));
    content.actions.push(AgreedAction {
        text: "Shadow a ward panel".into(),
        owner: "apprentice".into(),
        due: Some(common::day("2027-01-10")),
    });
    as_sam
        .save_checkin(started.id, &content)
        .expect("Sam saves the draft");
    as_sam
        .complete_checkin(started.id, &content)
        .expect("Sam completes it");
    as_sam.sign_review(started.id).expect("Sam signs");
    Ops::new(&mut amy_db, &registry, clock, Some(amy))
        .sign_review(started.id)
        .expect("Amy signs");
    let sealed = Ops::new(&mut jo_db, &registry, clock, Some(unit.f.employer))
        .sign_review(started.id)
        .expect("Jo signs and seals");
    assert!(sealed.sealed);
    let amendment = Ops::new(&mut sam_db, &registry, clock, Some(unit.f.assessor))
        .amend_checkin(started.id, "LO1 note names the wrong date")
        .expect("Sam starts an amendment");
    assert!(amendment > started.id);

    Ops::new(&mut ada_db, &registry, clock, Some(unit.f.admin))
        .set_employer(amy, Some(unit.f.employer))
        .expect("Ada names the employer again");

    let record = person_record(&amy_db, &registry, amy, clock.today()).expect("Amy's record");
    let lo1 = record
        .progress
        .outcomes
        .iter()
        .find(|o| o.code == "LO1")
        .expect("LO1");
    assert_eq!(
        lo1.judgement,
        Judgement::Competent,
        "the sealed review's judgement took effect"
    );
    assert_eq!(
        record.progress.hours.iter().map(|h| h.hours).sum::<f64>(),
        3.5
    );
    let (problems, checked) = sam_db.verify_seals().expect("verify");
    assert!(problems.is_empty() && checked >= 1, "{problems:?}");
}

/// The grants let an apprentice's own login record the file attached to
/// her evidence, and her assessor's login check it.
#[test]
fn an_apprentices_login_attaches_a_file_her_assessors_login_checks() {
    use pcso_tracker::domain::EvidenceKind;
    use pcso_tracker::ops::{EvidenceInput, Ops};
    let Some(unit) = Unit::new() else {
        return;
    };
    let (amy, registry, clock) = (unit.f.amy, unit.f.registry.clone(), unit.f.clock);
    let shared = tempfile::tempdir().expect("temp dir");
    let source = shared.path().join("minutes.txt");
    std::fs::write(&source, b"minutes").expect("write");
    let mut amy_db = Store::open_url(&unit.url_of("amy")).expect("a connection");
    amy_db.set_files_folder(shared.path().join("portfolio"));
    let evidence = EvidenceInput {
        date: Some(common::day("2026-10-01")),
        title: "Ward panel minutes".into(),
        kind: EvidenceKind::WorkProduct,
        description: String::new(),
        file_ref: None,
        outcomes: vec!["LO1".into()],
    };
    Ops::new(&mut amy_db, &registry, clock, Some(amy))
        .add_evidence_attaching(amy, &evidence, Some(&source))
        .expect("Amy attaches a file from her own login");
    let mut sam_db = Store::open_url(&unit.url_of("sam")).expect("a connection");
    sam_db.set_files_folder(shared.path().join("portfolio"));
    assert_eq!(sam_db.verify_files().expect("verify"), (vec![], 1));
}
