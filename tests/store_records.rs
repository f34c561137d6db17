//! Progress records through the store API, on both engines: every
//! record round-trips, every change leaves history, a failed action leaves
//! nothing, and a changed framework orphans records without losing them.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use pcso_tracker::domain::{
    AgreedAction, CheckinContent, CheckinJudgement, CheckinSection, EnrolmentId, EvidenceKind,
    Judgement, OutcomeStatus, PersonId, RequirementStatus, Signing, orphans,
};
use pcso_tracker::framework::{BUNDLED, Framework, load_str};
use pcso_tracker::store::{
    Change, NewApprentice, NewEvidence, NewHours, RequirementUpdate, Store, StoreError,
};

mod common;

use common::engine::Engine;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// When the test's changes are made.
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

/// One user action: its writes are kept only when all of them succeed.
fn try_write<T>(
    store: &mut Store,
    actor: Option<PersonId>,
    f: impl FnOnce(&Change) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let change = store.change(at(), actor)?;
    let value = f(&change)?;
    change.commit()?;
    Ok(value)
}

fn write<T>(
    store: &mut Store,
    actor: Option<PersonId>,
    f: impl FnOnce(&Change) -> Result<T, StoreError>,
) -> T {
    try_write(store, actor, f).expect("write")
}

struct Fixture {
    engine: Engine,
    store: Store,
    framework: Framework,
    assessor: PersonId,
    person: PersonId,
    enrolment: EnrolmentId,
}

fn fixture(engine: Engine) -> Fixture {
    let mut store = engine.open();
    let framework = BUNDLED[0].load().expect("framework");
    let assessor = write(&mut store, None, |c| c.add_assessor("Sam Patel"));
    let new = NewApprentice {
        name: "Amy Clark",
        date_of_birth: Some(date("2007-04-02")),
        employer: Some("Kent Police"),
        assessor: Some(assessor),
        framework_id: &framework.framework.id,
        framework_version: &framework.framework.version,
        framework_hash: &framework.content_hash,
        start_date: date("2026-01-05"),
        planned_end: date("2027-01-05"),
        area_of_practice: None,
        employer_opt_in: false,
        uln: None,
        learning_support: None,
    };
    let (person, enrolment) = write(&mut store, None, |c| c.add_apprentice(&new));
    Fixture {
        engine,
        store,
        framework,
        assessor,
        person,
        enrolment,
    }
}

fn history_rows(f: &Fixture) -> i64 {
    f.engine
        .number("SELECT count(*) FROM history")
        .expect("count")
}

/// Before and after of each history row of `record`'s `field`, in order.
fn history_for(f: &Fixture, record: &str, field: &str) -> Vec<(Option<String>, Option<String>)> {
    let sql = format!(
        "SELECT before, after FROM history WHERE record = '{record}' AND field = '{field}' ORDER BY id"
    );
    f.engine
        .rows(&sql)
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect()
}

fn a_person_and_enrolment_round_trip(engine: Engine) {
    let f = fixture(engine);
    let person = f
        .store
        .find_person("amy clark")
        .expect("found by name, any case");
    assert_eq!(person.id, f.person);
    assert_eq!(person.date_of_birth, Some(date("2007-04-02")));
    assert_eq!(person.employer.as_deref(), Some("Kent Police"));
    assert_eq!(person.assessor_id, Some(f.assessor));
    let enrolment = f
        .store
        .latest_enrolment(f.person)
        .expect("read")
        .expect("enrolled");
    assert_eq!(enrolment.id, f.enrolment);
    assert_eq!(enrolment.framework_hash, f.framework.content_hash);
    assert_eq!(enrolment.planned_end, date("2027-01-05"));
    let listed = f.store.people().expect("people");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].assessor.as_deref(), Some("Sam Patel"));
}

fn every_record_round_trips_through_progress(engine: Engine) {
    let mut f = fixture(engine);
    let outcomes = vec!["LO1".to_string(), "K2".to_string()];
    let evidence = NewEvidence {
        date: date("2026-02-03"),
        title: "Ward panel minutes",
        kind: EvidenceKind::WorkProduct,
        description: "Agreed priorities\nwith residents",
        file_ref: Some("portfolio/ward-panel.pdf"),
        outcomes: &outcomes,
    };
    let evidence_id = write(&mut f.store, Some(f.person), |c| {
        c.add_evidence(f.enrolment, &evidence)
    });
    let hours = NewHours {
        date: date("2026-02-04"),
        hours: 6.5,
        category: "off-the-job",
        activity: None,
        note: "Diploma workshop",
        benefit: None,
        outcomes: &outcomes[..1],
    };
    write(&mut f.store, Some(f.person), |c| {
        c.add_hours(f.enrolment, &hours)
    });
    let update = RequirementUpdate {
        status: RequirementStatus::Met,
        date: Some(date("2025-12-01")),
        reference: Some("VET-123"),
        expires_on: Some(date("2030-12-01")),
    };
    write(&mut f.store, Some(f.assessor), |c| {
        c.set_requirement(f.enrolment, "vetting", &update)
    });
    write(&mut f.store, Some(f.person), |c| {
        c.set_outcome_status(f.enrolment, "LO1", OutcomeStatus::ReadyForReview)
    });
    write(&mut f.store, Some(f.assessor), |c| {
        c.set_judgement(
            f.enrolment,
            "LO1",
            Judgement::Competent,
            "Clear evidence",
            f.assessor,
        )
    });

    let progress = f
        .store
        .progress(
            &f.store
                .latest_enrolment(f.person)
                .expect("read")
                .expect("some"),
        )
        .expect("progress");
    assert_eq!(progress.evidence.len(), 1);
    let item = &progress.evidence[0];
    assert_eq!(
        (item.id, item.title.as_str(), item.kind),
        (evidence_id, "Ward panel minutes", EvidenceKind::WorkProduct)
    );
    assert_eq!(item.description, "Agreed priorities\nwith residents");
    assert_eq!(item.outcomes, ["K2", "LO1"]);
    assert_eq!(item.file_ref.as_deref(), Some("portfolio/ward-panel.pdf"));
    assert_eq!(progress.hours.len(), 1);
    assert_eq!(
        (progress.hours[0].hours, progress.hours[0].outcomes.clone()),
        (6.5, vec!["LO1".to_string()])
    );
    let vetting = &progress.requirements[0];
    assert_eq!(
        (vetting.id.as_str(), vetting.status),
        ("vetting", RequirementStatus::Met)
    );
    assert_eq!(vetting.expires_on, Some(date("2030-12-01")));
    assert_eq!(vetting.reference.as_deref(), Some("VET-123"));
    let lo1 = &progress.outcomes[0];
    assert_eq!(
        (lo1.status, lo1.judgement),
        (OutcomeStatus::ReadyForReview, Judgement::Competent)
    );
    assert_eq!(lo1.judgement_note.as_deref(), Some("Clear evidence"));
    assert_eq!(lo1.judged_by, Some(f.assessor.0));
}

fn every_change_leaves_a_history_row_with_before_and_after(engine: Engine) {
    let mut f = fixture(engine);
    write(&mut f.store, Some(f.person), |c| {
        c.set_outcome_status(f.enrolment, "LO3", OutcomeStatus::InProgress)
    });
    write(&mut f.store, Some(f.person), |c| {
        c.set_outcome_status(f.enrolment, "LO3", OutcomeStatus::Completed)
    });
    assert_eq!(
        history_for(&f, "outcome_progress", "status"),
        [
            (Some("not_started".into()), Some("in_progress".into())),
            (Some("in_progress".into()), Some("completed".into()))
        ]
    );
    let actor = f
        .engine
        .number("SELECT actor_id FROM history ORDER BY id DESC LIMIT 1");
    assert_eq!(actor, Some(f.person.0));
}

fn deleted_evidence_leaves_progress_but_stays_in_the_store_and_history(engine: Engine) {
    let mut f = fixture(engine);
    let outcomes = vec!["LO2".to_string()];
    let evidence = NewEvidence {
        date: date("2026-02-03"),
        title: "Witness statement",
        kind: EvidenceKind::WitnessTestimony,
        description: "",
        file_ref: None,
        outcomes: &outcomes,
    };
    let id = write(&mut f.store, None, |c| {
        c.add_evidence(f.enrolment, &evidence)
    });
    write(&mut f.store, Some(f.assessor), |c| c.delete_evidence(id));
    let enrolment = f
        .store
        .latest_enrolment(f.person)
        .expect("read")
        .expect("some");
    assert!(
        f.store
            .progress(&enrolment)
            .expect("progress")
            .evidence
            .is_empty()
    );
    let kept = f.engine.number(&format!(
        "SELECT count(*) FROM evidence WHERE id = {id} AND deleted_at IS NOT NULL"
    ));
    assert_eq!(kept, Some(1));
    assert_eq!(
        history_for(&f, "evidence", "title").last(),
        Some(&(Some("Witness statement".into()), None))
    );
    assert!(
        try_write(&mut f.store, None, |c| c.delete_evidence(id)).is_err(),
        "deleting twice is refused"
    );
}

fn an_action_that_fails_part_way_leaves_nothing_behind(engine: Engine) {
    let mut f = fixture(engine);
    let people_before = f.store.count_people().expect("count");
    let history_before = history_rows(&f);
    // The person row is written first; the enrolment then breaks a CHECK.
    let new = NewApprentice {
        name: "Half Written",
        date_of_birth: None,
        employer: None,
        assessor: None,
        framework_id: "pcso-level4",
        framework_version: "1",
        framework_hash: "x",
        start_date: date("2026-05-01"),
        planned_end: date("2026-04-01"),
        area_of_practice: None,
        employer_opt_in: false,
        uln: None,
        learning_support: None,
    };
    let change = f.store.change(at(), None).expect("change");
    let error = change.add_apprentice(&new).expect_err("refused");
    // The action failed, so it is not committed: dropping it keeps nothing.
    drop(change);
    assert!(
        matches!(
            error,
            StoreError::Sqlite { .. } | StoreError::Postgres { .. }
        ),
        "{error}"
    );
    assert_eq!(f.store.count_people().expect("count"), people_before);
    assert_eq!(history_rows(&f), history_before);
}

fn a_sealed_checkin_applies_its_judgements_chains_its_seal_and_cannot_be_edited(engine: Engine) {
    let mut f = fixture(engine);
    let content = CheckinContent {
        sections: vec![(CheckinSection::SinceLast, "Good start".to_string())],
        judgements: vec![CheckinJudgement {
            code: "LO1".to_string(),
            judgement: Judgement::Competent,
            note: "Seen at ward panel".to_string(),
        }],
        actions: vec![AgreedAction {
            text: "Evidence for LO4".into(),
            owner: "apprentice".into(),
            due: Some(date("2026-06-20")),
        }],
        action_reviews: Vec::new(),
        next_due: Some(date("2026-06-20")),
    };
    let signing = |at: &str| Signing {
        at: at.to_string(),
        apprentice: "Amy Clark".into(),
        assessor: "Sam Patel".into(),
    };
    let first_id = write(&mut f.store, Some(f.assessor), |c| {
        c.record_checkin(
            f.enrolment,
            f.assessor,
            date("2026-03-30"),
            &content,
            Some(&signing("2026-03-30T15:00:00Z")),
        )
    });
    // The second is drafted, saved, then signed: the path the app takes.
    let second_id = write(&mut f.store, Some(f.assessor), |c| {
        c.start_draft(f.enrolment, f.assessor, date("2026-06-22"), None)
    });
    assert!(f.store.draft_for(f.enrolment).expect("draft").is_some());
    write(&mut f.store, Some(f.assessor), |c| {
        c.save_draft(second_id, &content)
    });
    write(&mut f.store, Some(f.assessor), |c| {
        c.seal_draft(second_id, &signing("2026-06-22T15:00:00Z"))
    });
    assert!(
        try_write(&mut f.store, Some(f.assessor), |c| {
            c.seal_draft(second_id, &signing("2026-06-23T15:00:00Z"))
        })
        .is_err(),
        "a sealed check-in is not signed twice"
    );
    let seals = f
        .engine
        .rows("SELECT seal_hash, previous_seal_hash FROM checkin ORDER BY id");
    assert!(seals[0][0].is_some());
    assert_eq!(seals[0][1], None);
    assert_eq!(
        seals[1][1], seals[0][0],
        "the second seal chains to the first"
    );
    let enrolment = f
        .store
        .latest_enrolment(f.person)
        .expect("read")
        .expect("some");
    let progress = f.store.progress(&enrolment).expect("progress");
    assert_eq!(progress.outcomes[0].judgement, Judgement::Competent);
    assert_eq!(progress.checkins.len(), 2);
    assert!(progress.checkins.iter().all(|c| c.sealed));
    let edit = f.engine.execute(&format!(
        "UPDATE checkin SET date = '2026-01-01' WHERE id = {first_id}"
    ));
    assert!(edit.expect_err("sealed").contains("never edited"));
    assert!(second_id > first_id);
}

fn records_of_an_outcome_the_framework_no_longer_has_are_kept_and_reported(engine: Engine) {
    let mut f = fixture(engine);
    let outcomes = vec!["LO6".to_string()];
    let evidence = NewEvidence {
        date: date("2026-02-03"),
        title: "Multi-agency meeting",
        kind: EvidenceKind::Observation,
        description: "",
        file_ref: None,
        outcomes: &outcomes,
    };
    let id = write(&mut f.store, None, |c| {
        c.add_evidence(f.enrolment, &evidence)
    });
    let renamed = BUNDLED[0]
        .text
        .replace("code: LO6", "code: LO6A")
        .replace("LO5, LO6, K2", "LO5, LO6A, K2");
    let changed = load_str("changed.yaml", &renamed).expect("the edited file is valid");
    let enrolment = f
        .store
        .latest_enrolment(f.person)
        .expect("read")
        .expect("some");
    let progress = f.store.progress(&enrolment).expect("progress");
    assert_ne!(changed.content_hash, enrolment.framework_hash);
    let found = orphans(&progress, &changed);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].kind, found[0].code.as_str()), ("outcome", "LO6"));
    assert_eq!(found[0].used_by, format!("evidence {id}"));
    assert_eq!(
        progress.evidence[0].outcomes,
        ["LO6"],
        "the record itself is unchanged"
    );
    assert!(orphans(&progress, &f.framework).is_empty());
}

fn an_ambiguous_or_unknown_name_is_refused_with_the_matches(engine: Engine) {
    let mut f = fixture(engine);
    write(&mut f.store, None, |c| c.add_assessor("Amy Jones"));
    match f.store.find_person("amy") {
        Err(StoreError::AmbiguousPerson { matches, .. }) => {
            assert_eq!(matches, ["Amy Clark (id 2)", "Amy Jones (id 3)"]);
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert!(matches!(
        f.store.find_person("Zed"),
        Err(StoreError::UnknownPerson { .. })
    ));
    assert_eq!(f.store.find_person("2").expect("by id").name, "Amy Clark");
    assert_eq!(
        f.store.find_person("jones").expect("by surname").name,
        "Amy Jones"
    );
}

fn hours_on_a_day_add_up_and_a_repeat_is_flagged(engine: Engine) {
    let mut f = fixture(engine);
    let entry = NewHours {
        date: date("2026-02-04"),
        hours: 3.0,
        category: "off-the-job",
        activity: None,
        note: "",
        benefit: None,
        outcomes: &[],
    };
    let (first, none) = write(&mut f.store, None, |c| c.add_hours(f.enrolment, &entry));
    let (_, duplicate) = write(&mut f.store, None, |c| c.add_hours(f.enrolment, &entry));
    assert_eq!(none, None);
    assert_eq!(duplicate, Some(first));
    assert_eq!(
        write(&mut f.store, None, |c| c
            .hours_on(f.enrolment, date("2026-02-04"))),
        6.0
    );
}

fn a_break_in_learning_is_kept_with_its_dates(engine: Engine) {
    use pcso_tracker::domain::EnrolmentStatus;
    let mut f = fixture(engine);
    write(&mut f.store, Some(f.assessor), |c| {
        c.set_enrolment_status(
            f.enrolment,
            EnrolmentStatus::Break,
            date("2026-04-01"),
            Some("illness"),
        )
    });
    assert_eq!(
        f.store.learning_breaks(f.enrolment).expect("breaks"),
        [(date("2026-04-01"), None)]
    );
    write(&mut f.store, Some(f.assessor), |c| {
        c.set_enrolment_status(
            f.enrolment,
            EnrolmentStatus::Active,
            date("2026-05-11"),
            None,
        )
    });
    assert_eq!(
        f.store.learning_breaks(f.enrolment).expect("breaks"),
        [(date("2026-04-01"), Some(date("2026-05-10")))]
    );
    let enrolment = f
        .store
        .latest_enrolment(f.person)
        .expect("read")
        .expect("some");
    assert_eq!(enrolment.status, EnrolmentStatus::Active);
    assert_eq!(
        history_for(&f, "enrolment", "status"),
        [
            (None, Some("active".into())),
            (Some("active".into()), Some("break".into())),
            (Some("break".into()), Some("active".into()))
        ]
    );
}

/// Every history row of an enrolment's records is filed under it (a
/// person's own fields under none), so "changes since the last check-in"
/// are one apprentice's alone.
fn history_rows_are_filed_under_their_enrolment_and_status_changes_read_only_its_own(
    engine: Engine,
) {
    let mut f = fixture(engine);
    let other = NewApprentice {
        name: "Ben Okafor",
        date_of_birth: Some(date("2001-02-03")),
        employer: None,
        assessor: Some(f.assessor),
        framework_id: &f.framework.framework.id,
        framework_version: &f.framework.framework.version,
        framework_hash: &f.framework.content_hash,
        start_date: date("2026-01-05"),
        planned_end: date("2027-01-05"),
        area_of_practice: None,
        employer_opt_in: false,
        uln: None,
        learning_support: None,
    };
    let (_, ben) = write(&mut f.store, None, |c| c.add_apprentice(&other));
    let code = f.framework.outcomes[0].code.clone();
    let enrolment = f.enrolment;
    write(&mut f.store, Some(f.person), |c| {
        let evidence = NewEvidence {
            date: date("2026-02-01"),
            title: "Ward panel",
            kind: EvidenceKind::WorkProduct,
            description: "",
            file_ref: None,
            outcomes: std::slice::from_ref(&code),
        };
        c.add_evidence(enrolment, &evidence)?;
        c.set_outcome_status(enrolment, &code, OutcomeStatus::InProgress)?;
        c.set_outcome_status(ben, &code, OutcomeStatus::Completed)
    });
    let filed: Vec<(String, Option<i64>)> = f
        .engine
        .rows("SELECT record, CAST(enrolment_id AS TEXT) FROM history ORDER BY id")
        .into_iter()
        .map(|row| {
            let enrolment = row[1].as_deref().map(|id| id.parse().expect("an id"));
            (row[0].clone().unwrap_or_default(), enrolment)
        })
        .collect();
    assert!(filed.iter().any(|(record, _)| record == "evidence"));
    for (record, enrolment) in &filed {
        match record.as_str() {
            "person" => assert_eq!(*enrolment, None),
            _ => assert!(
                [Some(f.enrolment.0), Some(ben.0)].contains(enrolment),
                "{record}"
            ),
        }
    }
    let changes = f
        .store
        .status_changes_since(f.enrolment, date("2026-01-01"))
        .expect("changes");
    let seen: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c.code.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        seen,
        [(code.as_str(), "in_progress")],
        "Ben's change is his own"
    );
}

on_both_engines!(
    a_person_and_enrolment_round_trip,
    every_record_round_trips_through_progress,
    every_change_leaves_a_history_row_with_before_and_after,
    deleted_evidence_leaves_progress_but_stays_in_the_store_and_history,
    an_action_that_fails_part_way_leaves_nothing_behind,
    a_sealed_checkin_applies_its_judgements_chains_its_seal_and_cannot_be_edited,
    records_of_an_outcome_the_framework_no_longer_has_are_kept_and_reported,
    an_ambiguous_or_unknown_name_is_refused_with_the_matches,
    hours_on_a_day_add_up_and_a_repeat_is_flagged,
    a_break_in_learning_is_kept_with_its_dates,
    history_rows_are_filed_under_their_enrolment_and_status_changes_read_only_its_own,
);
