//! Discarding a draft check-in: by its assessor or an administrator, kept
//! in history, refused for a completed or sealed review; from the command
//! line (asking first) and from check-in mode (D, then y).

use crossterm::event::KeyCode;
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::{OpError, Ops};
use pcso_tracker::store::{RecordKey, Store};
use pcso_tracker::tui::app::{Confirm, Overlay, Screen};
use std::process::{Command, Output};

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};

fn ops_as<'a>(store: &'a mut Store, registry: &'a Registry, name: &str) -> Ops<'a> {
    let actor = store.find_person(name).expect(name).id;
    Ops::new(store, registry, harness::clock(), Some(actor))
}

/// Sam Patel's new draft check-in with Chloe Evans.
fn chloes_draft(store: &mut Store, registry: &Registry) -> i64 {
    let chloe = store.find_person("Chloe Evans").expect("Chloe").id;
    let started = ops_as(store, registry, "Sam Patel").start_checkin(chloe);
    started.expect("started").id
}

fn refusal(result: Result<(), OpError>) -> String {
    match result {
        Err(OpError::Refused(message)) => message,
        other => panic!("refused, not {other:?}"),
    }
}

fn its_assessor_discards_a_draft_and_the_history_keeps_its_content(engine: Engine) {
    let mut store = harness::demo(&engine);
    let registry = Registry::load(None).expect("frameworks");
    let id = chloes_draft(&mut store, &registry);
    let mut content = store.checkin(id).expect("draft").content;
    content.set_section(
        pcso_tracker::domain::CheckinSection::Concerns,
        "Wants more night shifts".into(),
    );
    let mut ops = ops_as(&mut store, &registry, "Sam Patel");
    ops.save_checkin(id, &content).expect("saved");
    let apprentice = ops_as(&mut store, &registry, "Chloe Evans").discard_checkin(id);
    assert!(
        refusal(apprentice).contains("may not"),
        "an apprentice may not"
    );
    ops_as(&mut store, &registry, "Sam Patel")
        .discard_checkin(id)
        .expect("discarded");
    assert!(store.checkin(id).is_err(), "the draft is gone");
    let history = store.history_of(&RecordKey::Checkin(id)).expect("history");
    let deleted = history
        .iter()
        .find(|row| row.change == "delete")
        .expect("its removal is in the history");
    let kept = deleted.before.as_deref().unwrap_or_default();
    assert!(kept.contains("Wants more night shifts"), "{kept}");
    // A new check-in can be started at once.
    assert_ne!(chloes_draft(&mut store, &registry), 0);
}

fn an_administrator_may_discard_and_a_completed_or_sealed_review_is_not(engine: Engine) {
    let mut store = harness::demo(&engine);
    let registry = Registry::load(None).expect("frameworks");
    let id = chloes_draft(&mut store, &registry);
    let admin = pcso_tracker::ops::DEMO_ADMINISTRATOR;
    ops_as(&mut store, &registry, admin)
        .discard_checkin(id)
        .expect("an administrator discards");
    let id = chloes_draft(&mut store, &registry);
    let mut content = store.checkin(id).expect("draft").content;
    content.next_due = chrono::NaiveDate::from_ymd_opt(2026, 12, 19);
    ops_as(&mut store, &registry, "Sam Patel")
        .complete_checkin(id, &content)
        .expect("completed");
    let completed = ops_as(&mut store, &registry, "Sam Patel").discard_checkin(id);
    assert!(refusal(completed).contains("completed"));
    let sealed = ops_as(&mut store, &registry, admin).discard_checkin(1);
    assert!(refusal(sealed).contains("sealed"));
    assert!(store.checkin(1).is_ok());
}

fn run(engine: &Engine, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", "2026-11-21", "--db"])
        .arg(engine.db())
        .args(args)
        .output()
        .expect("runs")
}

fn the_command_line_asks_for_yes_off_a_terminal_then_discards(engine: Engine) {
    assert!(run(&engine, &["demo"]).status.success());
    let list = |engine: &Engine| {
        String::from_utf8_lossy(&run(engine, &["checkin", "list", "Ben"]).stdout).into_owned()
    };
    let listed = list(&engine);
    let draft = listed
        .lines()
        .find(|line| line.contains("draft"))
        .and_then(|line| line.split_whitespace().next())
        .expect("Ben has a draft")
        .to_string();
    let draft = draft
        .trim_matches(|c: char| !c.is_ascii_digit())
        .to_string();
    let asked = run(
        &engine,
        &["--as", "Sam Patel", "checkin", "discard", &draft],
    );
    assert!(!asked.status.success());
    let said = String::from_utf8_lossy(&asked.stderr).into_owned();
    assert!(said.contains("--yes"), "{said}");
    assert_eq!(list(&engine), listed, "nothing discarded");
    let done = run(
        &engine,
        &["--as", "Sam Patel", "checkin", "discard", &draft, "--yes"],
    );
    let said = String::from_utf8_lossy(&done.stdout).into_owned();
    assert!(done.status.success(), "{said}");
    assert!(said.contains("discarded"), "{said}");
    assert!(!list(&engine).contains("draft"), "{}", list(&engine));
}

fn d_in_check_in_mode_asks_then_discards_the_draft(engine: Engine) {
    let store = harness::demo(&engine);
    let mut h = Harness::start(engine, store, Some("Sam Patel"), (80, 24));
    h.idle();
    h.keys("c");
    let id = h.app.checkin.as_ref().expect("session").id;
    h.keys("D");
    assert!(matches!(
        h.app.overlay,
        Overlay::Confirm(Confirm::DiscardCheckin { .. })
    ));
    assert!(
        h.screen().contains("Discard draft check-in"),
        "{}",
        h.screen()
    );
    h.keys("n");
    assert_eq!(h.app.screen, Screen::Checkin, "kept");
    assert!(h.store.checkin(id).is_ok());
    h.keys("D");
    h.keys("y");
    assert_eq!(h.app.screen, Screen::Person);
    assert!(h.status().contains("discarded"), "{}", h.status());
    assert!(h.store.checkin(id).is_err());
    h.key(KeyCode::Esc);
}

on_both_engines!(
    its_assessor_discards_a_draft_and_the_history_keeps_its_content,
    an_administrator_may_discard_and_a_completed_or_sealed_review_is_not,
    the_command_line_asks_for_yes_off_a_terminal_then_discards,
    d_in_check_in_mode_asks_then_discards_the_draft,
);
