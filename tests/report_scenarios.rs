//! `report` on the demo caseload and on made-up apprentices at fixed dates:
//! what it says is what a careful assessor would say from the same records,
//! on both engines.

use serde_json::Value;
use std::process::Command;

mod common;

use common::engine::Engine;

const TODAY: &str = "2026-11-21";

struct Caseload {
    engine: Engine,
}

impl Caseload {
    fn demo(engine: Engine) -> Self {
        let caseload = Caseload { engine };
        caseload.run(&["demo"]);
        caseload
    }

    /// A database with only its administrator, Ada Lovell (`--as Ada`).
    fn empty(engine: Engine) -> Self {
        let caseload = Caseload { engine };
        caseload.run(&["person", "add", "Ada Lovell", "--role", "administrator"]);
        caseload
    }

    fn run(&self, args: &[&str]) -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
            .args(["--today", TODAY, "--db"])
            .arg(self.engine.db())
            .args(args)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    fn report(&self, person: &str) -> Value {
        serde_json::from_str(&self.run(&["report", person, "--format", "json"]))
            .expect("JSON report")
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_str().expect("string").to_string())
        .collect()
}

fn the_json_report_has_every_field_a_program_relies_on(engine: Engine) {
    let caseload = Caseload::demo(engine);
    let report = caseload.report("Ben");
    for field in [
        "person",
        "framework",
        "start_date",
        "month_of_programme",
        "outcomes",
        "requirements",
        "hours",
        "gateway",
        "epa_methods",
        "next_checkin_due",
        "rag",
        "warnings",
    ] {
        assert!(report.get(field).is_some(), "missing {field}");
    }
    let lo1 = &report["outcomes"][0];
    for field in ["code", "title", "status", "judgement", "evidence_count"] {
        assert!(lo1.get(field).is_some(), "outcome lacks {field}");
    }
    for field in ["logged", "target", "expected_to_date"] {
        assert!(report["hours"].get(field).is_some(), "hours lacks {field}");
    }
    for field in ["id", "readiness_percent", "missing"] {
        assert!(
            report["epa_methods"][0].get(field).is_some(),
            "method lacks {field}"
        );
    }
    assert_eq!(
        caseload.run(&["report", "Ben", "--format", "json"]),
        caseload.run(&["report", "Ben", "--format", "json"])
    );
}

/// The demo reads like a real caseload on any day it is loaded: someone on
/// track, someone amber, someone red, a review awaiting a signature, and
/// someone at gateway.
fn the_demo_spreads_across_green_amber_red_awaiting_and_gateway(engine: Engine) {
    let caseload = Caseload::demo(engine);
    let rag = |name: &str| {
        caseload.report(name)["rag"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(rag("Amy"), "green");
    assert_eq!(rag("Ben"), "amber");
    let chloe = caseload.report("Chloe");
    assert_eq!(chloe["rag"], "red", "{}", chloe["rag_reason"]);
    assert_eq!(chloe["checkins"]["overdue"], true);
    let dan = caseload.report("Dan");
    assert_eq!(
        dan["gateway"]["ready"], true,
        "{}",
        dan["gateway"]["blockers"]
    );
    assert_eq!(
        dan["checkins"]["awaiting"][0]["parties"],
        serde_json::json!(["employer"])
    );
}

fn month_one_is_on_track_with_the_first_check_in_three_calendar_months_after_the_start(
    engine: Engine,
) {
    let amy = Caseload::demo(engine).report("Amy Clark");
    assert_eq!(amy["month_of_programme"], 1);
    assert_eq!(amy["rag"], "green");
    assert_eq!(amy["start_date"], "2026-11-09");
    assert_eq!(
        amy["next_checkin_due"], "2027-02-09",
        "the 2025-26 rules: 3 months, not 12 weeks"
    );
    assert_eq!(amy["gateway"]["ready"], false);
    assert!(strings(&amy["warnings"]).is_empty());
}

fn an_apprentice_under_19_at_the_start_is_blocked_by_maths(engine: Engine) {
    let ben = Caseload::demo(engine).report("Ben");
    assert_eq!(ben["month_of_programme"], 5);
    let blockers = strings(&ben["gateway"]["blockers"]);
    assert!(
        blockers.contains(&"Level 2 maths not yet achieved".to_string()),
        "{blockers:?}"
    );
    assert!(
        blockers.contains(&"off-the-job hours 120 of 187 planned".to_string()),
        "{blockers:?}"
    );
    let maths = ben["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|r| r["id"] == "maths-l2")
        .cloned();
    assert_eq!(maths.expect("maths")["status"], "pending");
}

fn an_overdue_check_in_and_an_expiring_medical_lead_the_warnings(engine: Engine) {
    let chloe = Caseload::demo(engine).report("Chloe");
    assert_eq!(chloe["month_of_programme"], 9);
    assert_eq!(chloe["checkins"]["overdue"], true);
    let warnings = strings(&chloe["warnings"]);
    assert_eq!(warnings[0], "check-in overdue: due 2026-11-08, 13 days ago");
    assert!(warnings[1].starts_with("action overdue: "), "{warnings:?}");
    assert!(
        warnings[2].starts_with("Medical check passed expires on 2026-12-11"),
        "{warnings:?}"
    );
}

/// Chloe's last sealed review agreed an action due on her next check-in's
/// date, 2026-11-08; no review since has marked it done.
fn an_action_past_due_from_the_last_review_is_warned_of_in_reports(engine: Engine) {
    let caseload = Caseload::demo(engine);
    let warning = "action overdue: Add evidence for the next outcomes (apprentice), due 2026-11-08, 13 days ago";
    let chloe = caseload.report("Chloe");
    assert!(
        strings(&chloe["warnings"]).contains(&warning.to_string()),
        "{chloe}"
    );
    let overdue = chloe["overdue_actions"].as_array().expect("a list");
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(overdue[0]["due"], "2026-11-08");
    let shown = caseload.run(&["apprentice", "show", "Chloe"]);
    assert!(shown.contains(warning), "{shown}");
    let ben = caseload.report("Ben");
    assert_eq!(
        ben["overdue_actions"].as_array().map(Vec::len),
        Some(0),
        "due 2026-12-21"
    );
}

fn the_apprentice_at_twelve_months_is_ready_for_gateway(engine: Engine) {
    let dan = Caseload::demo(engine).report("Dan");
    assert_eq!(dan["gateway"]["ready"], true);
    assert!(strings(&dan["gateway"]["blockers"]).is_empty());
    for method in dan["epa_methods"].as_array().expect("methods") {
        assert_eq!(method["readiness_percent"], 100);
    }
    assert_eq!(dan["hours"]["logged"], 312.0);
}

fn the_advanced_practitioner_is_measured_against_70_20_10(engine: Engine) {
    let erin = Caseload::demo(engine).report("Erin");
    assert!(erin["epa_methods"].as_array().expect("methods").is_empty());
    let shares: Vec<(f64, u64)> = erin["hours"]["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| {
            (
                c["share_percent"].as_f64().expect("share"),
                c["target_share_percent"].as_u64().expect("target"),
            )
        })
        .collect();
    assert_eq!(shares, [(70.0, 70), (20.0, 20), (10.0, 10)]);
    assert_eq!(erin["gateway"]["title"], "Year-end review");
}

/// The hours a row of `practice.activities` gives each category.
fn activity_row(report: &Value, title: &str) -> (f64, Vec<f64>) {
    let row = report["practice"]["activities"]
        .as_array()
        .expect("activities")
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no activity {title}"));
    let hours = row["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| c["hours"].as_f64().expect("hours"))
        .collect();
    (row["logged"].as_f64().expect("logged"), hours)
}

fn the_advanced_practitioner_report_names_the_area_the_activities_and_their_benefit(
    engine: Engine,
) {
    let caseload = Caseload::demo(engine);
    let erin = caseload.report("Erin");
    let practice = &erin["practice"];
    assert_eq!(practice["area_of_practice"]["id"], "vulnerability");
    assert_eq!(practice["area_of_practice"]["title"], "Vulnerability");
    // Eighteen weeks of 3.5, 1 and 0.5 hours, each on its own activity.
    assert_eq!(
        activity_row(&erin, "Development and dissemination of practice"),
        (63.0, vec![63.0, 0.0, 0.0])
    );
    assert_eq!(
        activity_row(&erin, "Coaching"),
        (18.0, vec![0.0, 18.0, 0.0])
    );
    assert_eq!(
        activity_row(&erin, "Continuing professional development"),
        (9.0, vec![0.0, 0.0, 9.0])
    );
    assert_eq!(activity_row(&erin, "No activity"), (0.0, vec![0.0; 3]));
    let benefits = practice["benefits"].as_array().expect("benefits");
    assert_eq!(benefits.len(), 54);
    assert_eq!(benefits[1]["activity"], "Coaching");
    assert_eq!(
        benefits[1]["benefit"],
        "Coached two response officers on safeguarding referrals"
    );

    let markdown = caseload.run(&["report", "Erin"]);
    for line in [
        "Area of practice: **Vulnerability**",
        "| Coaching | 0 | 18 | 0 | 18 | 20% |",
        "| **Share of time** | 70% (intended 70%) | 20% (intended 20%) | 10% (intended 10%) | 90 | |",
        "| 2026-07-23 | 1 | Peer support and coaching | Coaching | Coached two response officers on safeguarding referrals |",
    ] {
        assert!(markdown.contains(line), "{line} missing from:\n{markdown}");
    }
    // An apprentice on a framework without areas or activities: nothing new.
    assert!(caseload.report("Ben").get("practice").is_none());
    assert!(
        !caseload
            .run(&["report", "Ben"])
            .contains("Area of practice")
    );
}

fn apprentice_show_names_the_area_of_practice_and_time_per_activity(engine: Engine) {
    let caseload = Caseload::demo(engine);
    let erin = caseload.run(&["apprentice", "show", "Erin"]);
    for line in [
        "  area of practice: Vulnerability\n",
        "  time per activity: 18 h Coaching, 63 h Development and dissemination of practice, 9 h Continuing professional development\n",
    ] {
        assert!(erin.contains(line), "{line} missing from:\n{erin}");
    }
    let json: Value =
        serde_json::from_str(&caseload.run(&["apprentice", "show", "Erin", "--format", "json"]))
            .expect("JSON");
    assert_eq!(
        json["practice"]["area_of_practice"]["title"],
        "Vulnerability"
    );
    assert_eq!(
        activity_row(&json, "Coaching"),
        (18.0, vec![0.0, 18.0, 0.0])
    );
    let ben = caseload.run(&["apprentice", "show", "Ben"]);
    assert!(!ben.contains("activity"), "{ben}");
}

fn hours_list_as_csv_gives_each_entry_s_activity_and_benefit(engine: Engine) {
    let caseload = Caseload::demo(engine);
    let csv = caseload.run(&["hours", "list", "Erin", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,date,hours,category,activity,benefit,review,query_reason,outcomes,note")
    );
    let coaching: Vec<&str> = lines.filter(|l| l.contains(",coaching,")).collect();
    assert_eq!(coaching.len(), 18, "{csv}");
    assert!(
        coaching[0].ends_with(
            ",2026-07-23,1.00,peer-support,coaching,Coached two response officers on safeguarding referrals,unreviewed,,,"
        ),
        "{}",
        coaching[0]
    );
}

fn progress_behind_by_more_than_a_check_in_interval_is_red_and_by_less_is_amber(engine: Engine) {
    let caseload = Caseload::empty(engine);
    caseload.run(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Far Behind",
        "--start",
        "2026-03-02",
        "--dob",
        "1990-01-01",
    ]);
    caseload.run(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Bit Behind",
        "--start",
        "2026-09-21",
        "--dob",
        "1990-01-01",
    ]);
    for code in ["LO1", "LO2"] {
        caseload.run(&[
            "--as",
            "Bit Behind",
            "outcome",
            "set",
            "Bit Behind",
            code,
            "--status",
            "ready-for-review",
        ]);
    }
    let far = caseload.report("Far Behind");
    assert_eq!(far["rag"], "red", "{}", far["rag_reason"]);
    assert!(
        far["rag_reason"]
            .as_str()
            .expect("reason")
            .contains("more than one check-in interval")
    );
    // Two months in with nothing judged yet: the apprentice's own claims
    // are shown but do not count as progress.
    let bit = caseload.report("Bit Behind");
    assert_eq!(bit["rag"], "amber", "{}", bit["rag_reason"]);
    assert!(
        bit["rag_reason"]
            .as_str()
            .expect("reason")
            .contains("2 outcomes marked done, waiting for review")
    );
}

fn a_gateway_blocker_within_two_months_of_the_end_is_red_whatever_the_outcomes(engine: Engine) {
    let caseload = Caseload::empty(engine);
    caseload.run(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Near End",
        "--start",
        "2025-12-20",
        "--dob",
        "1990-01-01",
    ]);
    let near = caseload.report("Near End");
    assert_eq!(near["rag"], "red");
    assert!(
        near["rag_reason"]
            .as_str()
            .expect("reason")
            .contains("weeks to the planned end")
    );
}

fn a_break_in_learning_pauses_the_month_count(engine: Engine) {
    let caseload = Caseload::empty(engine);
    caseload.run(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "On Break",
        "--start",
        "2026-01-05",
    ]);
    caseload.run(&[
        "--as",
        "Ada",
        "apprentice",
        "status",
        "On Break",
        "break",
        "--date",
        "2026-06-01",
        "--reason",
        "Parental leave",
    ]);
    caseload.run(&[
        "--as",
        "Ada",
        "apprentice",
        "status",
        "On Break",
        "active",
        "--date",
        "2026-08-01",
    ]);
    let report = caseload.report("On Break");
    assert_eq!(
        report["month_of_programme"], 9,
        "11 calendar months less a 2-month break"
    );
    assert_eq!(
        report["planned_end"], "2027-03-07",
        "moved back by the 61 days of the break"
    );
}

fn markdown_reports_read_as_they_are(engine: Engine) {
    let caseload = Caseload::demo(engine);
    insta::assert_snapshot!("report_ben_markdown", caseload.run(&["report", "Ben"]));
    insta::assert_snapshot!(
        "report_caseload_markdown",
        caseload.run(&["report", "--all"])
    );
    let csv = caseload.run(&["report", "--all", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 6, "a header and five people");
    assert!(
        csv.lines()
            .nth(4)
            .expect("Dan")
            .contains("Dan Hughes,pcso-level4,13,green"),
        "{csv}"
    );
}

on_both_engines!(
    the_json_report_has_every_field_a_program_relies_on,
    the_demo_spreads_across_green_amber_red_awaiting_and_gateway,
    month_one_is_on_track_with_the_first_check_in_three_calendar_months_after_the_start,
    an_apprentice_under_19_at_the_start_is_blocked_by_maths,
    an_overdue_check_in_and_an_expiring_medical_lead_the_warnings,
    an_action_past_due_from_the_last_review_is_warned_of_in_reports,
    the_apprentice_at_twelve_months_is_ready_for_gateway,
    the_advanced_practitioner_is_measured_against_70_20_10,
    the_advanced_practitioner_report_names_the_area_the_activities_and_their_benefit,
    apprentice_show_names_the_area_of_practice_and_time_per_activity,
    hours_list_as_csv_gives_each_entry_s_activity_and_benefit,
    progress_behind_by_more_than_a_check_in_interval_is_red_and_by_less_is_amber,
    a_gateway_blocker_within_two_months_of_the_end_is_red_whatever_the_outcomes,
    a_break_in_learning_pauses_the_month_count,
    markdown_reports_read_as_they_are,
);
