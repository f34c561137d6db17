//! Putting right hours and reading evidence in the app: on the hours
//! screen `e`/Enter edits the selected entry in a form filled from it and
//! `d` deletes it after asking; on the evidence screen Enter opens the
//! selected item to read, `e` there edits it and Esc closes it.

use crossterm::event::KeyCode;
use pcso_tracker::domain::{EvidenceKind, OutcomeStatus};
use pcso_tracker::ops::{EvidenceInput, HoursInput};
use pcso_tracker::tui::app::{Confirm, Overlay};
use pcso_tracker::tui::form::FormKind;

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::Fixture;
use common::harness::Harness;

/// Amy's app with one off-the-job entry and one piece of evidence.
fn amy(engine: Engine, size: (u16, u16)) -> Harness {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let hours = HoursInput {
        date: Some(day("2026-10-07")),
        hours: 6.0,
        category: "off-the-job".into(),
        note: "Diploma workshop".into(),
        outcomes: vec!["LO1".into()],
        ..HoursInput::default()
    };
    f.as_amy().log_hours(amy, &hours).expect("hours");
    let evidence = EvidenceInput {
        date: Some(day("2026-10-01")),
        title: "Stop and search log".into(),
        kind: EvidenceKind::Observation,
        description: "Observed by Sergeant Hale on the Tuesday patrol.".into(),
        file_ref: Some("drive/log.pdf".into()),
        outcomes: vec!["LO1".into(), "LO2".into()],
    };
    f.as_amy().add_evidence(amy, &evidence).expect("evidence");
    let mut h = Harness::start(f.engine, f.store, Some("Amy Clark"), size);
    h.idle();
    h
}

fn entry_hours(h: &Harness) -> Vec<f64> {
    let loaded = h.app.loaded.as_ref().expect("a person is open");
    loaded.progress.hours.iter().map(|e| e.hours).collect()
}

fn hours_are_edited_in_a_filled_form_and_deleted_after_asking(engine: Engine) {
    let mut h = amy(engine, (120, 40));
    h.keys("5");
    assert!(h.screen().contains("e edits · d deletes"), "{}", h.screen());
    h.key(KeyCode::Enter);
    let Overlay::Form(form) = &h.app.overlay else {
        panic!("Enter opens the edit form: {}", h.screen());
    };
    assert!(matches!(form.kind, FormKind::EditHours(_)));
    assert_eq!(form.value("Hours"), "6");
    assert_eq!(form.value("Note"), "Diploma workshop");
    assert_eq!(form.value("Outcomes"), "LO1");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Backspace);
    h.keys("7.5");
    h.ctrl('s');
    assert!(matches!(h.app.overlay, Overlay::None), "{}", h.screen());
    assert_eq!(entry_hours(&h), vec![7.5]);
    assert!(h.status().contains("saved hours entry"), "{}", h.status());

    h.keys("d");
    assert!(matches!(
        h.app.overlay,
        Overlay::Confirm(Confirm::DeleteHours { .. })
    ));
    assert!(h.screen().contains("Delete hours entry"), "{}", h.screen());
    h.keys("n");
    assert_eq!(entry_hours(&h), vec![7.5], "any other key keeps it");
    h.keys("d");
    h.keys("y");
    assert!(entry_hours(&h).is_empty(), "{}", h.screen());
    assert!(h.status().contains("deleted hours entry"), "{}", h.status());
}

fn an_edit_of_hours_is_undone_with_u(engine: Engine) {
    let mut h = amy(engine, (120, 40));
    h.keys("5e");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Backspace);
    h.keys("4");
    h.ctrl('s');
    assert_eq!(entry_hours(&h), vec![4.0]);
    h.keys("u");
    assert_eq!(entry_hours(&h), vec![6.0], "{}", h.status());
}

fn evidence_opens_to_read_and_e_there_edits_it(engine: Engine) {
    let mut h = amy(engine, (120, 40));
    h.keys("3");
    h.key(KeyCode::Enter);
    assert!(
        matches!(h.app.overlay, Overlay::Evidence(_)),
        "{}",
        h.screen()
    );
    let screen = h.screen();
    assert!(screen.contains("Stop and search log"), "{screen}");
    assert!(screen.contains("observation"), "{screen}");
    assert!(screen.contains("Sergeant Hale"), "{screen}");
    assert!(screen.contains("drive/log.pdf"), "{screen}");
    h.keys("j");
    assert!(
        matches!(h.app.overlay, Overlay::Evidence(_)),
        "a stray key keeps it"
    );
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Overlay::None));
    h.key(KeyCode::Enter);
    h.keys("e");
    let Overlay::Form(form) = &h.app.overlay else {
        panic!("e edits: {}", h.screen());
    };
    assert!(matches!(form.kind, FormKind::EditEvidence(_)));
    assert_eq!(form.value("Title"), "Stop and search log");
}

/// The outcome's history reads in words: "status: in progress → completed".
fn outcome_history_reads_in_words(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    for status in [OutcomeStatus::InProgress, OutcomeStatus::Completed] {
        f.as_amy()
            .set_outcome_status(amy, "LO1", status, None)
            .expect("status");
    }
    // Wide enough that the history line is not wrapped.
    let mut h = Harness::start(f.engine, f.store, Some("Amy Clark"), (160, 40));
    h.idle();
    h.keys("2");
    assert_eq!(h.app.selected_outcome(), Some("LO1"));
    let screen = h.screen();
    assert!(
        screen.contains("status: in progress → completed"),
        "{screen}"
    );
    assert!(!screen.contains("in_progress"), "{screen}");
}

fn snapshots(engine: Engine, size: (u16, u16)) {
    let mut h = amy(engine, size);
    let (width, height) = size;
    h.keys("3");
    h.key(KeyCode::Enter);
    insta::assert_snapshot!(format!("evidence_view_{width}x{height}"), h.screen());
    h.key(KeyCode::Esc);
    h.keys("5e");
    insta::assert_snapshot!(format!("hours_edit_{width}x{height}"), h.screen());
    h.key(KeyCode::Esc);
    h.keys("d");
    insta::assert_snapshot!(format!("hours_delete_{width}x{height}"), h.screen());
}

fn snapshots_at_80x24(engine: Engine) {
    snapshots(engine, (80, 24));
}

fn snapshots_at_120x40(engine: Engine) {
    snapshots(engine, (120, 40));
}

on_both_engines!(
    outcome_history_reads_in_words,
    hours_are_edited_in_a_filled_form_and_deleted_after_asking,
    an_edit_of_hours_is_undone_with_u,
    evidence_opens_to_read_and_e_there_edits_it,
    snapshots_at_80x24,
    snapshots_at_120x40,
);
