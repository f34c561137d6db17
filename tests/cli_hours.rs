//! `hours add`, `hours list`, `hours accept`, `hours query` and `hours
//! export` through the real binary, on both engines.

mod common;

use common::engine::Engine;
use common::sandbox::Sandbox;

/// Amy (started 2026-09-01) logs two off-the-job entries and one of CPD.
fn amy_with_hours(engine: Engine) -> Sandbox {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    for (date, hours, category, outcomes, note) in [
        ("2026-09-09", "6", "off-the-job", "LO1", "Diploma workshop"),
        (
            "2026-10-07",
            "7.5",
            "off-the-job",
            "LO2,K3",
            "Communication, \"day 2\"",
        ),
        ("2026-10-08", "1", "cpd", "", "Reading"),
    ] {
        let mut args = vec![
            "--as",
            "Amy",
            "hours",
            "add",
            "Amy",
            "--hours",
            hours,
            "--category",
            category,
            "--date",
            date,
            "--note",
            note,
        ];
        if !outcomes.is_empty() {
            args.extend(["--outcomes", outcomes]);
        }
        sandbox.ok(&args);
    }
    sandbox
}

fn off_the_job_time_without_outcomes_is_refused_and_a_review_is_warned_about(engine: Engine) {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    let add = [
        "--as",
        "Amy",
        "hours",
        "add",
        "Amy",
        "--hours",
        "2",
        "--category",
        "off-the-job",
    ];
    let message = sandbox.refused(&add);
    assert!(
        message.starts_with("--outcomes: off-the-job time names the outcomes it served"),
        "{message}"
    );
    let said = sandbox.ok(&[
        &add[..],
        &["--outcomes", "LO1", "--note", "Progress review"],
    ]
    .concat());
    assert!(said.contains("recorded 2 h of off-the-job"), "{said}");
    assert!(
        said.contains("warning: \"progress review\" may not count as off-the-job"),
        "{said}"
    );
    let report = sandbox.ok(&["report", "Amy"]);
    assert!(report.contains("progress reviews do not count"), "{report}");
}

fn an_assessor_queries_then_accepts_and_the_list_shows_each_state(engine: Engine) {
    let sandbox = amy_with_hours(engine);
    let list = sandbox.ok(&["hours", "list", "Amy"]);
    assert!(list.contains("unreviewed  LO1  Diploma workshop"), "{list}");
    let message = sandbox.refused(&["--as", "Amy", "hours", "accept", "1"]);
    assert!(message.contains("may not accept or query"), "{message}");
    let message = sandbox.refused(&["--as", "Sam", "hours", "query", "1", "--reason", ""]);
    assert!(message.starts_with("--reason: say why"), "{message}");
    let said = sandbox.ok(&[
        "--as",
        "Sam",
        "hours",
        "query",
        "1",
        "--reason",
        "No sign-in sheet",
    ]);
    assert!(said.contains("queried hours entry 1"), "{said}");
    let list = sandbox.ok(&["hours", "list", "Amy"]);
    assert!(list.contains("queried     LO1"), "{list}");
    assert!(list.contains("(queried: No sign-in sheet)"), "{list}");
    let report = sandbox.ok(&["report", "Amy"]);
    assert!(report.contains("6 h queried by the assessor"), "{report}");
    sandbox.ok(&["--as", "Sam", "hours", "accept", "1"]);
    sandbox.ok(&["--as", "Sam", "hours", "accept", "2"]);
    let list = sandbox.ok(&["hours", "list", "Amy"]);
    assert!(list.contains("accepted    LO1"), "{list}");
    let message = sandbox.refused(&["--as", "Sam", "hours", "accept", "3"]);
    assert!(message.contains("not off-the-job"), "{message}");
    assert_eq!(
        sandbox.count("SELECT count(*) FROM history WHERE field = 'review'"),
        3
    );
}

fn export_gives_off_the_job_hours_per_month_as_csv(engine: Engine) {
    let sandbox = amy_with_hours(engine);
    sandbox.ok(&[
        "--as",
        "Sam",
        "hours",
        "query",
        "2",
        "--reason",
        "Which course?",
    ]);
    sandbox.ok(&["--as", "Sam", "hours", "accept", "1"]);
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "edit",
        "Amy",
        "--uln",
        "9276308686",
    ]);
    let csv = sandbox.ok(&[
        "--as",
        "Sam",
        "hours",
        "export",
        "Amy",
        "--from",
        "2026-09-01",
        "--to",
        "2026-10-31",
    ]);
    let id = sandbox.count("SELECT id FROM person WHERE name = 'Amy Clark'");
    assert_eq!(
        csv,
        format!(
            "person_id,name,uln,period,off_the_job_accepted,off_the_job_unreviewed,off_the_job_queried,off_the_job_counted\n\
             {id},Amy Clark,9276308686,2026-09,6.00,0.00,0.00,6.00\n\
             {id},Amy Clark,9276308686,2026-10,0.00,0.00,7.50,0.00\n"
        )
    );
    let all = sandbox.ok(&["--as", "Sam", "hours", "export", "--all"]);
    assert_eq!(all.lines().count(), 1 + 3, "September to November: {all}");
    let message = sandbox.refused(&[
        "hours",
        "export",
        "Amy",
        "--from",
        "2026-10-01",
        "--to",
        "2026-09-01",
    ]);
    assert!(
        message.contains("--from 2026-10-01 is after --to"),
        "{message}"
    );
}

on_both_engines!(
    off_the_job_time_without_outcomes_is_refused_and_a_review_is_warned_about,
    an_assessor_queries_then_accepts_and_the_list_shows_each_state,
    export_gives_off_the_job_hours_per_month_as_csv,
);
