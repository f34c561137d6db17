//! Off-the-job time as the funding rules see it, through the operations
//! layer on both engines: entries name the outcomes they served, an assessor
//! accepts or queries each, a queried entry counts nowhere until resolved,
//! and an entry describing a progress review or maths is warned about.

use pcso_tracker::domain::{HoursReview, Version};
use pcso_tracker::ops::{Field, HoursInput, OpError};

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::{Fixture, field};

fn off_the_job(on: &str, hours: f64, outcomes: &[&str], note: &str) -> HoursInput {
    HoursInput {
        date: Some(day(on)),
        hours,
        category: "off-the-job".into(),
        note: note.into(),
        outcomes: outcomes.iter().map(|c| c.to_string()).collect(),
        ..HoursInput::default()
    }
}

/// Off-the-job hours Amy's standing counts, and those queried.
fn off_the_job_hours(f: &Fixture) -> (f64, f64, f64) {
    let standing = f.record(f.amy).standing;
    let category = &standing.hours.categories[0];
    assert_eq!(category.id, "off-the-job");
    (category.logged, category.accepted, category.queried)
}

fn off_the_job_time_names_the_outcomes_it_served(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let before = f.history_rows();
    let none = f.as_amy().log_hours(
        amy,
        &off_the_job("2026-10-07", 6.0, &[], "Diploma workshop"),
    );
    assert_eq!(field(none), Field::Outcomes);
    assert_eq!(f.history_rows(), before, "nothing written");
    let cpd = HoursInput {
        category: "cpd".into(),
        ..off_the_job("2026-10-07", 1.0, &[], "Reading")
    };
    f.as_amy()
        .log_hours(amy, &cpd)
        .expect("CPD needs no outcome");
    let logged = f
        .as_amy()
        .log_hours(
            amy,
            &off_the_job("2026-10-07", 6.0, &["LO1", "K2"], "Diploma workshop"),
        )
        .expect("logged");
    assert_eq!(logged.doubt, None);
    let entry = f.record(amy).progress.hours;
    let entry = entry.iter().find(|e| e.id == logged.written.id).unwrap();
    let mut outcomes = entry.outcomes.clone();
    outcomes.sort();
    assert_eq!(outcomes, ["K2", "LO1"]);
}

fn a_progress_review_or_maths_logged_as_off_the_job_is_warned_about(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let logged = f
        .as_amy()
        .log_hours(
            amy,
            &off_the_job("2026-10-14", 1.5, &["LO2"], "Progress review with Sam"),
        )
        .expect("recorded, with a warning");
    let doubt = logged.doubt.expect("a warning");
    assert!(doubt.contains("\"progress review\""), "{doubt}");
    let warnings = f.record(amy).standing.warnings;
    assert!(
        warnings.iter().any(
            |w| w.contains(&format!("hours entry {}", logged.written.id))
                && w.contains("progress reviews do not count")
        ),
        "{warnings:#?}"
    );
}

fn a_queried_entry_counts_nowhere_until_the_assessor_accepts_it(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let first = f
        .as_amy()
        .log_hours(
            amy,
            &off_the_job("2026-10-07", 6.0, &["LO1"], "Diploma workshop"),
        )
        .expect("logged")
        .written;
    f.as_amy()
        .log_hours(
            amy,
            &off_the_job("2026-10-14", 4.0, &["LO3"], "Safeguarding course"),
        )
        .expect("logged");
    assert_eq!(
        off_the_job_hours(&f),
        (10.0, 0.0, 0.0),
        "unreviewed time counts"
    );

    assert_eq!(
        field(f.as_assessor().query_hours(first.id, "  ", None)),
        Field::Reason
    );
    let before = f.history_rows();
    let queried = f
        .as_assessor()
        .query_hours(
            first.id,
            "No sign-in sheet for the workshop",
            Some(first.version),
        )
        .expect("queried");
    assert!(f.history_rows() > before, "the query is in history");
    assert_eq!(off_the_job_hours(&f), (4.0, 0.0, 6.0));
    let record = f.record(amy);
    let entry = record
        .progress
        .hours
        .iter()
        .find(|e| e.id == first.id)
        .unwrap();
    assert_eq!(entry.review, HoursReview::Queried);
    assert_eq!(
        entry.query_reason.as_deref(),
        Some("No sign-in sheet for the workshop")
    );
    assert!(
        record
            .standing
            .warnings
            .iter()
            .any(|w| w.contains("6 h queried")),
        "{:#?}",
        record.standing.warnings
    );

    let stale = f.as_assessor().accept_hours(first.id, Some(first.version));
    assert!(matches!(stale, Err(OpError::Stale { .. })), "{stale:?}");
    f.as_assessor()
        .accept_hours(first.id, Some(queried))
        .expect("accepted: the query is resolved");
    assert_eq!(off_the_job_hours(&f), (10.0, 6.0, 0.0));
    let again = f.as_assessor().accept_hours(first.id, None);
    assert!(matches!(again, Err(OpError::Refused(m)) if m.contains("already accepted")));
}

fn only_the_apprentices_assessor_or_an_administrator_reviews_off_the_job_time(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let entry = f
        .as_amy()
        .log_hours(
            amy,
            &off_the_job("2026-10-07", 6.0, &["LO1"], "Diploma workshop"),
        )
        .expect("logged")
        .written
        .id;
    let other = f
        .as_admin()
        .add_assessor("Eve Stone", false)
        .expect("assessor");
    let before = f.history_rows();
    for actor in [Some(f.amy), Some(f.employer), Some(other), None] {
        let refused = f.ops(actor).accept_hours(entry, None);
        assert!(
            matches!(refused, Err(OpError::Refused(_))),
            "{actor:?}: {refused:?}"
        );
        let refused = f.ops(actor).query_hours(entry, "Why?", None);
        assert!(
            matches!(refused, Err(OpError::Refused(_))),
            "{actor:?}: {refused:?}"
        );
    }
    assert_eq!(f.history_rows(), before);
    f.as_admin()
        .query_hours(entry, "Date looks wrong", None)
        .expect("an administrator may");

    let cpd = HoursInput {
        category: "cpd".into(),
        ..off_the_job("2026-10-08", 1.0, &[], "Reading")
    };
    let cpd = f.as_amy().log_hours(amy, &cpd).expect("logged").written.id;
    let refused = f.as_assessor().accept_hours(cpd, None);
    assert!(matches!(refused, Err(OpError::Refused(m)) if m.contains("not off-the-job")));
    assert!(matches!(
        f.as_assessor().accept_hours(9_999, None),
        Err(OpError::Gone(_))
    ));

    let version = f.record(amy).progress.hours[0].version;
    assert!(version > Version::default());
    f.as_amy()
        .delete_hours(entry, None)
        .expect("Amy deletes the queried entry");
    let gone = f.as_assessor().accept_hours(entry, None);
    assert!(matches!(gone, Err(OpError::Gone(_))), "{gone:?}");
}

/// An edit is checked like a new entry (its own time left out of the
/// day's cap), refused when based on an older version, and a queried entry
/// stays queried until the assessor accepts the corrected one.
fn an_edit_keeps_the_rules_and_a_query_until_accepted(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    let logged = f
        .as_amy()
        .log_hours(amy, &off_the_job("2026-10-07", 6.0, &["LO1"], "Workshop"))
        .expect("logged");
    let first = logged.written;
    let queried = f
        .as_assessor()
        .query_hours(first.id, "Which workshop?", Some(first.version))
        .expect("queried");
    let stale = f.as_amy().edit_hours(
        first.id,
        &off_the_job("2026-10-07", 7.0, &["LO1"], "Diploma workshop"),
        Some(first.version),
    );
    assert!(matches!(stale, Err(OpError::Stale { .. })), "{stale:?}");
    let edited = f
        .as_amy()
        .edit_hours(
            first.id,
            &off_the_job("2026-10-07", 7.0, &["LO1"], "Diploma workshop"),
            Some(queried),
        )
        .expect("edited: its own 6 h do not count against the day's cap");
    let none = f.as_amy().edit_hours(
        first.id,
        &off_the_job("2026-10-07", 7.0, &[], "Diploma workshop"),
        Some(edited.written.version),
    );
    assert_eq!(field(none), Field::Outcomes);
    let record = f.record(amy);
    let entry = &record.progress.hours[0];
    assert_eq!(
        (entry.hours, entry.note.as_str()),
        (7.0, "Diploma workshop")
    );
    assert_eq!(entry.review, HoursReview::Queried, "a query stands");
    assert_eq!(
        off_the_job_hours(&f),
        (0.0, 0.0, 7.0),
        "queried time counts nowhere"
    );
}

on_both_engines!(
    an_edit_keeps_the_rules_and_a_query_until_accepted,
    off_the_job_time_names_the_outcomes_it_served,
    a_progress_review_or_maths_logged_as_off_the_job_is_warned_about,
    a_queried_entry_counts_nowhere_until_the_assessor_accepts_it,
    only_the_apprentices_assessor_or_an_administrator_reviews_off_the_job_time,
);
