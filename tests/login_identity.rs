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
        let database = url.rsplit('/').next().expect("a database name").to_string();
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
