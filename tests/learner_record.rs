//! The learner record as the funding rules and the end-point assessment see
//! it, through the real binary on both engines: a ULN checked against its
//! check digit, the employer and learning-support needs shown, a reason on
//! every break, withdrawal and completion, a qualification's units, and
//! end-point assessment results with resits.

use std::path::Path;

mod common;

use common::engine::Engine;
use common::sandbox::Sandbox;

/// A valid ULN (the weighted digits leave 10 when divided by 11).
const ULN: &str = "9276308686";

struct Unit {
    sandbox: Sandbox,
    standard: String,
}

impl Unit {
    /// Ada (administrator), Sam (assessor), Jo (employer) and Amy, on the
    /// fixture framework with two assessment methods and a diploma of two units.
    fn on(engine: Engine) -> Unit {
        let standard = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/standards/valid/epa-results.yaml")
            .display()
            .to_string();
        let unit = Unit {
            sandbox: Sandbox::with_administrator_on(engine),
            standard,
        };
        unit.ok("Ada", &["assessor", "add", "Sam Patel"]);
        unit.ok("Ada", &["person", "add", "Jo Reid", "--role", "employer"]);
        unit.ok(
            "Ada",
            &["apprentice", "add", "Amy Clark", "--start", "2025-09-01"],
        );
        unit.ok(
            "Ada",
            &[
                "apprentice",
                "edit",
                "Amy",
                "--assessor",
                "Sam",
                "--employer",
                "Jo",
            ],
        );
        unit
    }

    fn args<'a>(&'a self, who: &'a str, args: &[&'a str]) -> Vec<&'a str> {
        [
            &["--standard", self.standard.as_str(), "--as", who][..],
            args,
        ]
        .concat()
    }

    fn ok(&self, who: &str, args: &[&str]) -> String {
        self.sandbox.ok(&self.args(who, args))
    }

    fn refused(&self, who: &str, args: &[&str]) -> String {
        self.sandbox.refused(&self.args(who, args))
    }

    /// As `ok`, on a later day than the sandbox's.
    fn ok_on(&self, today: &str, who: &str, args: &[&str]) -> String {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
            .args(["--today", today])
            .args(self.args(who, args))
            .env("PCSO_TRACKER_DB", self.sandbox.db())
            .current_dir(self.sandbox.dir.path())
            .output()
            .expect("the binary runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    fn history(&self, record: &str, field: &str) -> i64 {
        self.sandbox.count(&format!(
            "SELECT count(*) FROM history WHERE record = '{record}' AND field = '{field}'"
        ))
    }
}

fn a_uln_is_checked_unique_and_shown_with_the_employer_and_support(engine: Engine) {
    let unit = Unit::on(engine);
    let typo = unit.refused("Ada", &["apprentice", "edit", "Amy", "--uln", "9276308687"]);
    assert!(typo.contains("--uln"), "{typo}");
    assert!(typo.contains("check digit"), "{typo}");
    unit.ok(
        "Ada",
        &[
            "apprentice",
            "edit",
            "Amy",
            "--uln",
            ULN,
            "--support",
            "Dyslexia: extra time on written work",
        ],
    );
    assert_eq!(unit.history("person", "uln"), 1);
    assert_eq!(unit.history("person", "learning_support"), 1);
    let twice = unit.refused(
        "Ada",
        &[
            "apprentice",
            "add",
            "Ben Ford",
            "--start",
            "2025-09-01",
            "--uln",
            ULN,
        ],
    );
    assert!(twice.contains("already Amy Clark's ULN"), "{twice}");
    let by_assessor = unit.refused("Sam", &["apprentice", "edit", "Amy", "--uln", ""]);
    assert!(
        by_assessor.contains("only an administrator"),
        "{by_assessor}"
    );

    let shown = unit.ok("Ada", &["apprentice", "show", "Amy"]);
    assert!(shown.contains(&format!("ULN: {ULN}")), "{shown}");
    assert!(shown.contains("line manager: Jo Reid"), "{shown}");
    assert!(shown.contains("learning support: Dyslexia"), "{shown}");
    let report = unit.ok("Sam", &["report", "Amy"]);
    assert!(report.contains(&format!("| ULN | {ULN} |")), "{report}");
    assert!(
        report.contains("| Employer | line manager Jo Reid |"),
        "{report}"
    );
    assert!(report.contains("| Learning support | Dyslexia"), "{report}");
    let json = unit.ok("Sam", &["report", "Amy", "--format", "json"]);
    assert!(json.contains(&format!("\"uln\": \"{ULN}\"")), "{json}");

    unit.ok("Ada", &["apprentice", "edit", "Amy", "--uln", ""]);
    let shown = unit.ok("Ada", &["apprentice", "show", "Amy"]);
    assert!(!shown.contains("ULN:"), "removed: {shown}");
    assert_eq!(unit.history("person", "uln"), 2);
}

fn a_break_a_withdrawal_and_completion_each_keep_their_reason(engine: Engine) {
    let unit = Unit::on(engine);
    let bare = unit.refused(
        "Ada",
        &[
            "apprentice",
            "status",
            "Amy",
            "break",
            "--date",
            "2026-03-02",
        ],
    );
    assert!(bare.contains("--reason"), "{bare}");
    unit.ok(
        "Ada",
        &[
            "apprentice",
            "status",
            "Amy",
            "break",
            "--date",
            "2026-03-02",
            "--reason",
            "Long-term illness",
        ],
    );
    unit.ok(
        "Ada",
        &[
            "apprentice",
            "status",
            "Amy",
            "active",
            "--date",
            "2026-04-06",
        ],
    );
    unit.ok(
        "Ada",
        &[
            "apprentice",
            "status",
            "Amy",
            "withdrawn",
            "--date",
            "2026-06-01",
            "--reason",
            "Left the force",
        ],
    );
    let shown = unit.ok("Ada", &["apprentice", "show", "Amy"]);
    assert!(
        shown.contains("break in learning: 2026-03-02 to 2026-04-05 (Long-term illness)"),
        "{shown}"
    );
    assert!(shown.contains("status reason: Left the force"), "{shown}");
    let report = unit.ok("Ada", &["report", "Amy"]);
    assert!(report.contains("· withdrawn (Left the force)"), "{report}");
    assert_eq!(unit.history("enrolment", "status_reason"), 3);
    assert_eq!(unit.history("learning_break", "reason"), 1);
}

fn a_qualifications_units_are_recorded_and_a_diploma_met_too_soon_is_warned_of(engine: Engine) {
    let unit = Unit::on(engine);
    unit.ok(
        "Sam",
        &[
            "requirement",
            "unit",
            "Amy",
            "diploma",
            "unit-a",
            "--status",
            "met",
            "--date",
            "2026-05-01",
        ],
    );
    let unknown = unit.refused(
        "Sam",
        &[
            "requirement",
            "unit",
            "Amy",
            "diploma",
            "unit-z",
            "--status",
            "met",
        ],
    );
    assert!(unknown.contains("one of: unit-a, unit-b"), "{unknown}");
    let apprentice = unit.refused(
        "Amy",
        &[
            "requirement",
            "unit",
            "Amy",
            "diploma",
            "unit-b",
            "--status",
            "met",
        ],
    );
    assert!(apprentice.contains("may not"), "{apprentice}");
    unit.ok(
        "Sam",
        &["requirement", "set", "Amy", "diploma", "--status", "met"],
    );
    let report = unit.ok("Sam", &["report", "Amy"]);
    assert!(
        report.contains("| ↳ Unit A | unit | met | 2026-05-01 | |"),
        "{report}"
    );
    assert!(
        report.contains("| ↳ Unit B | unit | pending |  | |"),
        "{report}"
    );
    assert!(
        report.contains("Diploma is recorded as met, but 1 of its 2 units is not"),
        "{report}"
    );
    assert_eq!(unit.history("unit_record", "status"), 1);
}

/// Every gateway rule met, and the sign-off signed by all three and sealed.
fn through_gateway(unit: &Unit) {
    unit.ok(
        "Sam",
        &["requirement", "set", "Amy", "topic", "--status", "met"],
    );
    for who in ["Jo", "Amy", "Sam"] {
        unit.ok(who, &["gateway", "sign", "Amy"]);
    }
}

fn assessment_results_follow_gateway_use_the_scale_and_a_resit_follows_a_fail(engine: Engine) {
    let unit = Unit::on(engine);
    let record = |who: &str, extra: &[&str]| -> Vec<String> {
        let base = ["epa", "record", "Amy"];
        unit.args(who, &[&base[..], extra].concat())
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let fail = record(
        "Sam",
        &[
            "--method",
            "discussion",
            "--grade",
            "fail",
            "--date",
            "2026-11-02",
        ],
    );
    let early = unit.sandbox.refused(&as_strs(&fail));
    assert!(
        early.contains("gateway sign-off is not sealed yet"),
        "{early}"
    );
    through_gateway(&unit);

    let merit = unit.sandbox.refused(&as_strs(&record(
        "Sam",
        &[
            "--method",
            "discussion",
            "--grade",
            "merit",
            "--date",
            "2026-11-21",
        ],
    )));
    assert!(merit.contains("--grade"), "{merit}");
    assert!(merit.contains("fail, pass, distinction"), "{merit}");
    let by_apprentice = unit.sandbox.refused(&as_strs(&record(
        "Amy",
        &[
            "--method",
            "discussion",
            "--grade",
            "pass",
            "--date",
            "2026-11-21",
        ],
    )));
    assert!(by_apprentice.contains("may not record"), "{by_apprentice}");
    let fail = record(
        "Sam",
        &[
            "--method",
            "discussion",
            "--grade",
            "fail",
            "--date",
            "2026-11-21",
        ],
    );
    unit.sandbox.ok(&as_strs(&fail));
    let early = unit.refused(
        "Ada",
        &[
            "apprentice",
            "status",
            "Amy",
            "completed",
            "--reason",
            "Finished",
        ],
    );
    assert!(
        early.contains(
            "not passed yet: Professional discussion (fail on 2026-11-21), Presentation (not taken)"
        ),
        "{early}"
    );
    let again = unit.sandbox.refused(&as_strs(&fail));
    assert!(again.contains("resit or a retake"), "{again}");
    let resit = record(
        "Sam",
        &[
            "--method",
            "discussion",
            "--grade",
            "Distinction",
            "--date",
            "2026-11-21",
            "--attempt",
            "resit",
        ],
    );
    let same_day = unit.sandbox.refused(&as_strs(&resit));
    assert!(
        same_day.contains("not after the last attempt"),
        "{same_day}"
    );

    let said = unit.ok_on(
        "2026-12-14",
        "Ada",
        &[
            "epa",
            "record",
            "Amy",
            "--method",
            "discussion",
            "--grade",
            "Distinction",
            "--date",
            "2026-12-14",
            "--attempt",
            "resit",
        ],
    );
    assert!(
        said.contains("distinction"),
        "spelt as the framework spells it: {said}"
    );
    let shown = unit.ok_on("2026-12-14", "Amy", &["epa", "show", "Amy"]);
    assert!(
        shown.contains("Professional discussion: passed: distinction on 2026-12-14"),
        "{shown}"
    );
    assert!(shown.contains("2026-11-21 first attempt: fail"), "{shown}");
    assert!(shown.contains("Presentation: not taken"), "{shown}");
    let report = unit.ok_on("2026-12-14", "Jo", &["report", "Amy"]);
    assert!(
        report
            .contains("| Professional discussion | distinction on 2026-12-14 (resit) | 2 | yes |"),
        "{report}"
    );
    assert_eq!(unit.history("epa_result", "grade"), 2);
    unit.ok_on(
        "2026-12-14",
        "Sam",
        &[
            "epa",
            "record",
            "Amy",
            "--method",
            "presentation",
            "--grade",
            "pass",
            "--date",
            "2026-12-14",
        ],
    );
    let done = unit.ok_on(
        "2026-12-15",
        "Ada",
        &[
            "apprentice",
            "status",
            "Amy",
            "completed",
            "--reason",
            "Passed the assessment",
        ],
    );
    assert!(
        done.contains("completed from 2026-12-15 (Passed the assessment)"),
        "{done}"
    );
}

fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn a_recorded_result_cannot_be_changed_or_removed_in_the_database(engine: Engine) {
    let unit = Unit::on(engine);
    through_gateway(&unit);
    unit.ok(
        "Sam",
        &[
            "epa",
            "record",
            "Amy",
            "--method",
            "presentation",
            "--grade",
            "pass",
            "--date",
            "2026-11-21",
        ],
    );
    for sql in [
        "UPDATE epa_result SET grade = 'fail'",
        "DELETE FROM epa_result",
    ] {
        let refused = std::panic::catch_unwind(|| unit.sandbox.sql(sql));
        assert!(refused.is_err(), "{sql} was allowed");
    }
    assert_eq!(
        unit.sandbox
            .count("SELECT count(*) FROM epa_result WHERE grade = 'pass'"),
        1
    );
}

on_both_engines!(
    a_uln_is_checked_unique_and_shown_with_the_employer_and_support,
    a_break_a_withdrawal_and_completion_each_keep_their_reason,
    a_qualifications_units_are_recorded_and_a_diploma_met_too_soon_is_warned_of,
    assessment_results_follow_gateway_use_the_scale_and_a_resit_follows_a_fail,
    a_recorded_result_cannot_be_changed_or_removed_in_the_database,
);
