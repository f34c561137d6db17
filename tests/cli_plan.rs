//! `plan set` and `plan show` through the real binary: the assessor records
//! the plan, a reduction below the floor is refused naming its flag, and
//! the report shows the plan.

mod common;

use common::engine::Engine;
use common::sandbox::Sandbox;

fn plan_set_and_show_through_the_command_line(engine: Engine) {
    let sandbox = Sandbox::with_administrator_on(engine);
    sandbox.ok(&["--as", "Ada", "assessor", "add", "Sam Patel"]);
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Amy Clark",
        "--start",
        "2026-09-01",
        "--dob",
        "2000-05-01",
        "--assessor",
        "Sam",
    ]);
    let refused = sandbox.refused(&[
        "--as",
        "Sam",
        "plan",
        "set",
        "Amy",
        "--prior-learning-hours",
        "40",
        "--prior-learning-reason",
        "Special constable",
    ]);
    assert!(
        refused.contains("--prior-learning-hours: would leave 147 of the 187 off-the-job hours, below the floor of 187 hours"),
        "{refused}"
    );
    let set = sandbox.ok(&[
        "--as",
        "Sam",
        "plan",
        "set",
        "Amy",
        "--planned-end",
        "2027-11-01",
        "--assessment-organisation",
        "Policing EPA Ltd",
        "--chosen-on",
        "2026-10-01",
        "--english-maths",
        "not-required",
        "--decided-by",
        "Jo Reid (employer) and Amy Clark",
        "--reason",
        "GCSEs held",
    ]);
    assert!(
        set.starts_with("changed Amy Clark's training plan\n"),
        "{set}"
    );
    let shown = sandbox.ok(&["plan", "show", "Amy"]);
    assert!(shown.contains("- Planned end: 2027-11-01\n"), "{shown}");
    assert!(
        shown.contains("- Assessment organisation: Policing EPA Ltd, chosen on 2026-10-01\n"),
        "{shown}"
    );
    assert!(
        shown.contains("- English and maths: not required, decided by Jo Reid (employer) and Amy Clark: GCSEs held\n"),
        "{shown}"
    );
    let json = sandbox.ok(&["plan", "show", "Amy", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["plan"]["planned_off_the_job_hours"], 187.0);
    assert_eq!(value["plan"]["english_maths"]["decision"], "not_required");
    let report = sandbox.ok(&["report", "Amy"]);
    assert!(report.contains("## Training plan"), "{report}");
    assert!(report.contains("| Planned end | 2027-11-01 |"), "{report}");
    assert_eq!(
        sandbox.count("SELECT count(*) FROM history WHERE record = 'training_plan'"),
        8,
        "the first plan: each of its eight fields"
    );
}

on_both_engines!(plan_set_and_show_through_the_command_line);
