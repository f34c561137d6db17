//! `report --all --sort COLUMN`: the caseload in the order the app's list
//! of people offers, who needs attention first, or reversed.

mod common;

use common::sandbox::Sandbox;

/// The names of the caseload report, top to bottom.
fn names(sandbox: &Sandbox, args: &[&str]) -> Vec<String> {
    let csv = sandbox.ok(&[&["report", "--all", "--format", "csv"][..], args].concat());
    csv.lines()
        .skip(1)
        .filter_map(|line| line.split(',').nth(1))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_caseload_report_sorts_by_a_column_and_reverses() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["demo"]);
    let by_name = names(&sandbox, &[]);
    assert_eq!(
        by_name,
        [
            "Amy Clark",
            "Ben Okafor",
            "Chloe Evans",
            "Dan Hughes",
            "Erin Walsh"
        ]
    );
    let by_rag = names(&sandbox, &["--sort", "rag"]);
    assert_eq!(
        by_rag,
        [
            "Chloe Evans",
            "Ben Okafor",
            "Erin Walsh",
            "Amy Clark",
            "Dan Hughes"
        ],
        "red, then amber, then green; by name within each"
    );
    let reversed = names(&sandbox, &["--sort", "rag", "--reverse"]);
    assert_eq!(reversed[..2], ["Amy Clark", "Dan Hughes"]);
    assert_eq!(reversed[4], "Chloe Evans");
    let by_last = names(&sandbox, &["--sort", "last-checkin"]);
    assert_eq!(by_last[0], "Amy Clark", "never reviewed comes first");
    let by_warnings = names(&sandbox, &["--sort", "warnings"]);
    assert_eq!(by_warnings[0], "Chloe Evans");
}

#[test]
fn sorting_is_refused_for_one_person_and_for_an_unknown_column() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["demo"]);
    let said = sandbox.refused(&["report", "Ben", "--sort", "rag"]);
    assert!(said.contains("cannot be used with '--sort"), "{said}");
    let said = sandbox.refused(&["report", "--all", "--sort", "colour"]);
    assert!(
        said.contains("hours-behind"),
        "the columns are listed: {said}"
    );
}
