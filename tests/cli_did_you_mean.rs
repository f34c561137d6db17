//! Names and outcome codes typed on the command line: codes in any case,
//! and a refusal that suggests the nearest recorded name or code.

mod common;

use common::sandbox::Sandbox;

fn ben() -> Sandbox {
    Sandbox::with_apprentice("Ben Okafor", "2026-09-01")
}

#[test]
fn a_mistyped_person_is_refused_with_the_nearest_name() {
    let sandbox = ben();
    let said = sandbox.refused(&["report", "Bne"]);
    assert!(said.contains("no person matches `Bne`"), "{said}");
    assert!(said.contains("did you mean Ben Okafor?"), "{said}");
    let said = sandbox.refused(&["--as", "Bne", "hours", "list", "Ben"]);
    assert!(said.contains("did you mean Ben Okafor?"), "{said}");
}

#[test]
fn a_person_nothing_like_anyone_is_refused_without_a_guess() {
    let sandbox = ben();
    let said = sandbox.refused(&["report", "Zebedee"]);
    assert!(said.contains("no person matches `Zebedee`"), "{said}");
    assert!(!said.contains("did you mean"), "{said}");
}

#[test]
fn outcome_codes_match_in_any_case() {
    let sandbox = ben();
    let said = sandbox.ok(&[
        "--as",
        "Ben",
        "outcome",
        "set",
        "Ben",
        "lo8",
        "--status",
        "completed",
    ]);
    assert!(said.contains("Ben Okafor: LO8 "), "{said}");
    assert!(said.contains("is now completed"), "{said}");
    let added = [
        "evidence",
        "add",
        "Ben",
        "--title",
        "Patrol log",
        "--outcomes",
        "lo1,Lo2",
        "--date",
        "2026-10-01",
        "--kind",
        "observation",
    ];
    sandbox.ok(&[&["--as", "Ben"][..], &added].concat());
    let list = sandbox.ok(&["evidence", "list", "Ben"]);
    assert!(list.contains("LO1"), "{list}");
    assert!(list.contains("LO2"), "{list}");
}

#[test]
fn an_unknown_code_is_refused_with_close_codes_or_none() {
    let sandbox = ben();
    let set = |code: &str| {
        sandbox.refused(&[
            "--as",
            "Ben",
            "outcome",
            "set",
            "Ben",
            code,
            "--status",
            "completed",
        ])
    };
    let said = set("XX9");
    assert!(said.contains("`XX9` is not an outcome"), "{said}");
    assert!(!said.contains("did you mean"), "{said}");
    let said = set("L08");
    assert!(said.contains("`L08` is not an outcome"), "{said}");
    assert!(said.contains("did you mean LO8"), "{said}");
}
