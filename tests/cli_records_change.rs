//! `hours edit`/`delete` and `evidence list`/`show`/`edit`/`delete`
//! through the real binary, on both engines.

mod common;

use common::engine::Engine;
use common::sandbox::Sandbox;
use pcso_tracker::framework::default_framework;

/// Amy (started 2026-09-01) with one off-the-job entry and one piece of evidence.
fn amy_with_records(engine: Engine) -> Sandbox {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    let amy = ["--as", "Amy"];
    sandbox.ok(&[
        &amy[..],
        &[
            "hours",
            "add",
            "Amy",
            "--hours",
            "6",
            "--category",
            "off-the-job",
        ],
        &[
            "--date",
            "2026-09-09",
            "--outcomes",
            "LO1",
            "--note",
            "Workshop",
        ],
    ]
    .concat());
    sandbox.ok(&[
        &amy[..],
        &["evidence", "add", "Amy", "--title", "Stop and search log"],
        &[
            "--outcomes",
            "LO1",
            "--date",
            "2026-10-01",
            "--kind",
            "observation",
        ],
        &[
            "--text",
            "Observed by Sergeant Hale",
            "--file",
            "drive/log.pdf",
        ],
    ]
    .concat());
    sandbox
}

fn hours_edit_changes_the_entry_and_takes_back_its_acceptance(engine: Engine) {
    let sandbox = amy_with_records(engine);
    sandbox.ok(&["--as", "Sam", "hours", "accept", "1"]);
    let said = sandbox.ok(&[
        "--as",
        "Amy",
        "hours",
        "edit",
        "1",
        "--hours",
        "7.5",
        "--note",
        "Workshop, all day",
    ]);
    assert!(
        said.contains("changed hours entry 1 of Amy Clark: 7.5 h"),
        "{said}"
    );
    assert!(said.contains("acceptance is taken back"), "{said}");
    let list = sandbox.ok(&["hours", "list", "Amy"]);
    assert!(list.contains("7.5"), "{list}");
    assert!(
        list.contains("unreviewed  LO1  Workshop, all day"),
        "{list}"
    );
    let message = sandbox.refused(&["--as", "Amy", "hours", "edit", "1", "--hours", "30"]);
    assert!(message.starts_with("--hours:"), "{message}");
    let message = sandbox.refused(&["--as", "Amy", "hours", "edit", "1", "--outcomes", "LO99"]);
    assert!(message.contains("`LO99` is not an outcome"), "{message}");
    let message = sandbox.refused(&["--as", "Amy", "hours", "edit", "9", "--hours", "1"]);
    assert!(message.contains("no hours entry has the id 9"), "{message}");
}

fn hours_delete_asks_first_and_refuses_without_a_terminal(engine: Engine) {
    let sandbox = amy_with_records(engine);
    let message = sandbox.refused(&["--as", "Amy", "hours", "delete", "1"]);
    assert!(
        message.contains("add --yes to delete hours entry 1"),
        "{message}"
    );
    assert!(sandbox.ok(&["hours", "list", "Amy"]).contains("Workshop"));
    let said = sandbox.ok(&["--as", "Amy", "hours", "delete", "1", "--yes"]);
    assert!(
        said.contains("deleted hours entry 1 of Amy Clark"),
        "{said}"
    );
    let list = sandbox.ok(&["hours", "list", "Amy"]);
    assert!(list.contains("no hours recorded yet"), "{list}");
    let message = sandbox.refused(&["--as", "Amy", "hours", "delete", "1", "--yes"]);
    assert!(message.contains("no hours entry has the id 1"), "{message}");
}

fn evidence_is_listed_and_shown_with_outcome_titles(engine: Engine) {
    let sandbox = amy_with_records(engine);
    let list = sandbox.ok(&["evidence", "list", "Amy"]);
    assert!(list.contains("2026-10-01  observation"), "{list}");
    assert!(
        list.contains("LO1  Stop and search log  [drive/log.pdf]"),
        "{list}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["evidence", "list", "Amy", "--format", "json"]))
            .expect("JSON");
    assert_eq!(json[0]["title"], "Stop and search log");
    assert_eq!(json[0]["outcomes"][0], "LO1");
    let csv = sandbox.ok(&["evidence", "list", "Amy", "--format", "csv"]);
    assert!(csv.starts_with("id,date,kind,title,outcomes"), "{csv}");
    assert!(
        csv.contains("1,2026-10-01,observation,Stop and search log,LO1"),
        "{csv}"
    );
    let shown = sandbox.ok(&["evidence", "show", "1"]);
    let framework = default_framework().load().expect("bundled framework");
    let title = &framework.outcome("LO1").expect("LO1").title;
    assert!(shown.contains(&format!("LO1 {title}")), "{shown}");
    assert!(shown.contains("Observed by Sergeant Hale"), "{shown}");
    let json: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["evidence", "show", "1", "--format", "json"]))
            .expect("JSON");
    assert_eq!(json["kind"], "observation");
}

fn evidence_is_edited_and_deleted_from_the_command_line(engine: Engine) {
    let sandbox = amy_with_records(engine);
    let said = sandbox.ok(&[
        "--as",
        "Amy",
        "evidence",
        "edit",
        "1",
        "--title",
        "Stop and search record",
        "--outcomes",
        "LO1,LO2",
        "--file",
        "",
    ]);
    assert!(said.contains("changed evidence 1 of Amy Clark"), "{said}");
    let shown = sandbox.ok(&["evidence", "show", "1"]);
    assert!(shown.contains("Stop and search record"), "{shown}");
    assert!(shown.contains("LO2"), "{shown}");
    assert!(!shown.contains("drive/log.pdf"), "{shown}");
    assert!(shown.contains("Observed by Sergeant Hale"), "{shown}");
    let message = sandbox.refused(&["--as", "Amy", "evidence", "edit", "1", "--kind", "poem"]);
    assert!(
        message.contains("--kind: `poem` is not one of"),
        "{message}"
    );
    let message = sandbox.refused(&["--as", "Amy", "evidence", "delete", "1"]);
    assert!(
        message.contains("add --yes to delete evidence 1"),
        "{message}"
    );
    sandbox.ok(&["--as", "Amy", "evidence", "delete", "1", "--yes"]);
    let list = sandbox.ok(&["evidence", "list", "Amy"]);
    assert!(list.contains("no evidence recorded yet"), "{list}");
    let message = sandbox.refused(&["evidence", "show", "1"]);
    assert!(message.contains("no evidence has the id 1"), "{message}");
}

on_both_engines!(
    messages_name_requirements_and_outcomes_in_words,
    hours_edit_changes_the_entry_and_takes_back_its_acceptance,
    hours_delete_asks_first_and_refuses_without_a_terminal,
    evidence_is_listed_and_shown_with_outcome_titles,
    evidence_is_edited_and_deleted_from_the_command_line,
);

/// Messages name things in words: a requirement by its title, an outcome
/// by code and title, a status as it reads.
fn messages_name_requirements_and_outcomes_in_words(engine: Engine) {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    let said = sandbox.ok(&[
        "--as",
        "Sam",
        "requirement",
        "set",
        "Amy",
        "maths-l2",
        "--status",
        "met",
        "--date",
        "2026-10-01",
    ]);
    assert!(
        said.contains("Amy Clark: Level 2 maths is now met"),
        "{said}"
    );
    let said = sandbox.ok(&[
        "--as",
        "Amy",
        "outcome",
        "set",
        "Amy",
        "LO1",
        "--status",
        "ready-for-review",
    ]);
    let framework = default_framework().load().expect("bundled framework");
    let title = &framework.outcome("LO1").expect("LO1").title;
    assert!(
        said.contains(&format!("Amy Clark: LO1 {title} is now ready for review")),
        "{said}"
    );
}

/// A unit is named by its title and its qualification's, never by ids.
#[test]
fn a_unit_is_named_by_its_title_and_its_qualifications() {
    let sandbox = Sandbox::with_apprentice("Amy Clark", "2026-09-01");
    let said = sandbox.ok(&[
        "--as",
        "Sam",
        "requirement",
        "unit",
        "Amy",
        "diploma",
        "community-engagement",
        "--status",
        "not-met",
    ]);
    assert_eq!(
        said,
        "Amy Clark: Engage with the community (a unit of Level 4 Diploma in Community \
         Policing Practice (or Level 4 HE Certificate)) is now not met\n"
    );
}
