//! The real binary against input a hostile or careless user could give, and
//! against text another program left in the database.

use rusqlite::Connection;

mod common;

use common::engine::Engine;
use common::sandbox::Sandbox;

/// The first sealed check-in of the sample data and its person's id.
fn sealed_checkin(sandbox: &Sandbox) -> (i64, i64) {
    Connection::open(sandbox.db())
        .and_then(|c| {
            c.query_row(
                "SELECT c.id, e.person_id FROM checkin c JOIN enrolment e ON e.id = c.enrolment_id
                 WHERE c.state = 'sealed' ORDER BY c.id LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
        })
        .expect("a sealed check-in")
}

#[test]
fn escapes_written_by_another_program_never_reach_the_terminal() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["demo"]);
    let (checkin, person) = sealed_checkin(&sandbox);
    // Written behind the app's back, as an older version or another tool could.
    sandbox.sql(&format!(
        "UPDATE person SET name = 'Eve' || char(27) || ']0;PWNED' || char(7) || ' Hacker'
         WHERE id = {person};
         UPDATE person SET name = 'Sam' || char(27) || ']0;PWNED' || char(7) WHERE role = 'assessor';
         DROP TRIGGER sealed_checkin_is_not_edited;
         UPDATE checkin SET next_due = '2027-01-04' WHERE id = {checkin};"
    ));
    let id = person.to_string();
    let checkin = checkin.to_string();
    let terminal: [&[&str]; 7] = [
        &["apprentice", "list"],
        &["apprentice", "show", &id],
        &["report", &id],
        &["report", "--all"],
        &["checkin", "list", &id],
        &["checkin", "show", &checkin],
        &["verify"],
    ];
    for args in terminal {
        let output = sandbox.run(args);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(!output.stdout.contains(&0x1b), "{args:?}: {text:?}");
        assert!(!output.stdout.contains(&0x07), "{args:?}: {text:?}");
        assert!(
            text.contains("\\u{1b}]0;PWNED"),
            "{args:?} shows it: {text}"
        );
    }
    // Refusals quote names too: the assessor is not enrolled.
    let output = sandbox.run(&["apprentice", "show", "1"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stderr.contains(&0x1b), "{:?}", output.stderr);
    // Programs reading JSON get the name exactly as stored.
    let json = sandbox.ok(&["apprentice", "list", "--format", "json"]);
    assert!(json.contains("Eve\\u001b]0;PWNED\\u0007 Hacker"), "{json}");
}

fn a_name_that_reads_like_a_recorded_one_is_refused_naming_them(engine: Engine) {
    let sandbox = Sandbox::with_administrator_on(engine);
    let added = sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "  Zoë   Hart ",
        "--start",
        "2026-09-01",
    ]);
    assert!(added.starts_with("added Zoë Hart (id 2)"), "{added}");
    let same = [
        "Zoë Hart",
        "zoë hart",
        "Zoe\u{308} Hart",
        "Zoë\u{a0}Hart",
        "Zoë\u{2003}Hart",
    ];
    for name in same {
        let message = sandbox.refused(&[
            "--as",
            "Ada",
            "apprentice",
            "add",
            name,
            "--start",
            "2026-09-01",
        ]);
        assert!(
            message.contains("Zoë Hart is already recorded (id 2)")
                && message.contains("--allow-same-name"),
            "{name:?}: {message}"
        );
        let message = sandbox.refused(&["--as", "Ada", "assessor", "add", name]);
        assert!(message.contains("(id 2)"), "{name:?}: {message}");
    }
    for name in ["Zoë Hart\u{200b}", "Zoë \u{202e}traH", "\u{feff}Zoë Hart"] {
        let message = sandbox.refused(&[
            "--as",
            "Ada",
            "apprentice",
            "add",
            name,
            "--start",
            "2026-09-01",
        ]);
        assert!(
            message.contains("<NAME>: cannot contain invisible"),
            "{name:?}: {message}"
        );
    }
    assert_eq!(sandbox.count("SELECT count(*) FROM person"), 2);
    // Another person who happens to share the name, said so explicitly.
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Zoe\u{308} Hart",
        "--start",
        "2026-09-01",
        "--allow-same-name",
    ]);
    sandbox.ok(&[
        "--as",
        "Ada",
        "assessor",
        "add",
        "ZOË HART",
        "--allow-same-name",
    ]);
    assert_eq!(
        sandbox.count("SELECT count(*) FROM person WHERE name = 'Zoë Hart'"),
        2,
        "stored composed (NFC), so it matches the first exactly"
    );
}

fn dates_and_hours_outside_sense_are_refused_with_the_reason(engine: Engine) {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "set",
        "Amy",
        "--dob",
        "2000-05-01",
    ]);
    let evidence = |date: &str| -> Vec<String> {
        [
            "--as",
            "Amy",
            "evidence",
            "add",
            "Amy",
            "--title",
            "T",
            "--outcomes",
            "LO1",
            "--date",
            date,
        ]
        .map(str::to_string)
        .to_vec()
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            evidence("1900-01-01"),
            "--date: 1900-01-01 is before the start of the programme (2026-09-01)",
        ),
        (
            evidence("2026-08-31"),
            "--date: 2026-08-31 is before the start of the programme",
        ),
        (
            [
                "--as",
                "Jo",
                "requirement",
                "set",
                "Amy",
                "vetting",
                "--status",
                "met",
                "--date",
                "2026-08-01",
                "--expires",
                "2026-07-01",
            ]
            .map(str::to_string)
            .to_vec(),
            "--expires: 2026-07-01 is not after the date it was met (2026-08-01)",
        ),
        (
            [
                "--as",
                "Sam",
                "requirement",
                "set",
                "Amy",
                "maths-l2",
                "--status",
                "met",
                "--date",
                "1990-06-01",
            ]
            .map(str::to_string)
            .to_vec(),
            "--date: 1990-06-01 is before the date of birth (2000-05-01)",
        ),
        (
            [
                "--as",
                "Amy",
                "hours",
                "add",
                "Amy",
                "--hours=1e-320",
                "--category",
                "off-the-job",
            ]
            .map(str::to_string)
            .to_vec(),
            "--hours: 1e-320 h is less than the least that can be recorded, 0.1 h",
        ),
        (
            [
                "--as",
                "Amy",
                "hours",
                "add",
                "Amy",
                "--hours=25",
                "--category",
                "off-the-job",
            ]
            .map(str::to_string)
            .to_vec(),
            "--hours: 25 h is more than a day holds",
        ),
        (
            [
                "--as",
                "Amy",
                "hours",
                "add",
                "Amy",
                "--hours=7.333",
                "--category",
                "off-the-job",
            ]
            .map(str::to_string)
            .to_vec(),
            "--hours: 7.333 h is more precise than needed",
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let message = sandbox.refused(&args);
        assert!(message.contains(expected), "{args:?}: {message}");
        assert!(message.len() < 200, "{args:?}: one short line: {message}");
    }
    sandbox.ok(&[
        "--as",
        "Amy",
        "hours",
        "add",
        "Amy",
        "--hours=7.25",
        "--category",
        "off-the-job",
        "--outcomes",
        "LO1",
    ]);
    sandbox.ok(&[
        "--as",
        "Jo",
        "requirement",
        "set",
        "Amy",
        "vetting",
        "--status",
        "met",
        "--date",
        "2026-08-01",
        "--expires",
        "2031-08-01",
    ]);
}

fn a_file_reference_is_one_line_of_bounded_length(engine: Engine) {
    let sandbox = Sandbox::with_administrator_on(engine);
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Amy Clark",
        "--start",
        "2026-09-01",
    ]);
    let evidence = |file: &str| {
        [
            "--as",
            "Amy",
            "evidence",
            "add",
            "Amy",
            "--title",
            "Panel",
            "--outcomes",
            "LO1",
            "--file",
            file,
        ]
        .map(str::to_string)
    };
    let long = "x".repeat(100_000);
    for (file, expected) in [
        (
            "notes\u{1b}]0;PWNED\u{7}.pdf",
            "--file: cannot contain control characters (found U+001B)",
        ),
        (long.as_str(), "--file: can be at most 1024 characters"),
    ] {
        let args = evidence(file);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let message = sandbox.refused(&args);
        assert!(message.contains(expected), "{message}");
    }
    assert_eq!(sandbox.count("SELECT count(*) FROM evidence"), 0);
    let args = evidence(" portfolio/panel.pdf ");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sandbox.ok(&args);
    assert_eq!(
        sandbox.count("SELECT count(*) FROM evidence WHERE file_ref = 'portfolio/panel.pdf'"),
        1
    );
}

fn refusals_name_the_argument_as_the_usage_line_does(engine: Engine) {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    let message = sandbox.refused(&[
        "--as",
        "Amy",
        "outcome",
        "set",
        "Amy",
        "LO9",
        "--status",
        "completed",
    ]);
    assert!(
        message.starts_with("<CODE>: `LO9` is not an outcome"),
        "{message}"
    );
    let message = sandbox.refused(&[
        "--as",
        "Sam",
        "requirement",
        "set",
        "Amy",
        "driving",
        "--status",
        "met",
    ]);
    assert!(
        message.starts_with("<ID>: `driving` is not a requirement"),
        "{message}"
    );
    let message = sandbox.refused(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "\u{200b}",
        "--start",
        "2026-09-01",
    ]);
    assert!(message.starts_with("<NAME>: "), "{message}");
}

#[test]
fn a_command_line_clap_refuses_exits_1_and_help_and_version_exit_0() {
    let sandbox = Sandbox::new();
    for args in [
        &["hours", "add", "Amy", "--bogus"][..],
        &["validate"],
        &[
            "evidence",
            "add",
            "1",
            "--title",
            "T",
            "--outcomes",
            "LO1",
            "--date",
            "2026-13-01",
        ],
    ] {
        let output = sandbox.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?} says why");
    }
    for args in [&["--help"][..], &["--version"], &["hours", "add", "--help"]] {
        let output = sandbox.run(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(!output.stdout.is_empty(), "{args:?}");
    }
}

fn negative_numbers_reach_the_rules_that_refuse_them(engine: Engine) {
    let sandbox = Sandbox::with_administrator_on(engine);
    sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "add",
        "Amy Clark",
        "--start",
        "2026-09-01",
    ]);
    let message = sandbox.refused(&[
        "--as",
        "Amy",
        "hours",
        "add",
        "Amy",
        "--hours",
        "-6",
        "--category",
        "cpd",
    ]);
    assert!(
        message.starts_with("--hours: -6 is not a positive number of hours"),
        "{message}"
    );
    let message = sandbox.refused(&["checkin", "show", "-3"]);
    assert!(message.contains("no check-in has the id -3"), "{message}");
}

#[test]
fn check_ins_are_listed_under_a_header_and_show_reviewed_actions_by_their_text() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["demo"]);
    sandbox.ok(&["--as", "Sam", "checkin", "amend", "4", "--reason", "A typo"]);
    let list = sandbox.ok(&["checkin", "list", "Chloe"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["ID", "DATE", "STATE", "ASSESSOR"]
    );
    let four = lines
        .iter()
        .find(|l| l.trim_start().starts_with("4 "))
        .expect("check-in 4");
    assert!(four.contains("amended by 5"), "{list}");
    assert!(four.contains("amendment 12 in draft"), "{list}");
    assert!(!four.contains("amended by 5, 12"), "{list}");
    let shown = sandbox.ok(&["checkin", "show", "4"]);
    assert!(shown.contains("Amended by check-in 5."), "{shown}");
    assert!(
        shown.contains("in draft, not yet signed: check-in 12"),
        "{shown}"
    );
    let reviewing = Connection::open(sandbox.db())
        .and_then(|c| {
            c.query_row(
                "SELECT r.checkin_id, a.text FROM checkin_action_review r
                 JOIN checkin_action a ON a.id = r.action_id ORDER BY r.checkin_id LIMIT 1",
                [],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
            )
        })
        .expect("a reviewed action");
    let shown = sandbox.ok(&["checkin", "show", &reviewing.0.to_string()]);
    assert!(shown.contains(&format!("- {} (", reviewing.1)), "{shown}");
    assert!(!shown.contains("- action "), "{shown}");
}

fn apprentice_set_corrects_birth_start_and_assessor_with_history(engine: Engine) {
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
    ]);
    let set = [
        "apprentice",
        "set",
        "Amy",
        "--dob",
        "2000-01-02",
        "--start",
        "2026-09-07",
        "--assessor",
        "Sam",
    ];
    let refused = sandbox.refused(&[&["--as", "Sam"][..], &set].concat());
    assert_eq!(
        refused.trim(),
        "Sam Patel (assessor) may not correct Amy Clark's enrolment: only an administrator may"
    );
    let set = sandbox.ok(&[&["--as", "Ada"][..], &set].concat());
    assert_eq!(
        set,
        "Amy Clark (id 3): born 2000-01-02, on the programme from 2026-09-07 to 2027-09-07, assessor Sam Patel, employer none, ULN not recorded\n"
    );
    let list = sandbox.ok(&["apprentice", "list"]);
    assert!(
        list.contains("2026-09-07  2027-09-07  active     Sam Patel"),
        "{list}"
    );
    let changed = |record: &str, field: &str, before: &str, after: &str| {
        sandbox.count(&format!(
            "SELECT count(*) FROM history WHERE change = 'update' AND actor_id = 1 AND record = '{record}'
             AND field = '{field}' AND coalesce(before, '') = '{before}' AND after = '{after}'"
        ))
    };
    assert_eq!(changed("person", "date_of_birth", "", "2000-01-02"), 1);
    assert_eq!(changed("person", "assessor_id", "", "2"), 1);
    assert_eq!(
        changed("enrolment", "start_date", "2026-09-01", "2026-09-07"),
        1
    );
    assert_eq!(
        changed("enrolment", "planned_end", "2027-09-01", "2027-09-07"),
        1
    );

    sandbox.ok(&[
        "--as",
        "Amy",
        "hours",
        "add",
        "Amy",
        "--hours",
        "2",
        "--category",
        "cpd",
        "--date",
        "2026-09-10",
    ]);
    let history = sandbox.count("SELECT count(*) FROM history");
    for (args, expected) in [
        (
            &[
                "--as",
                "Ada",
                "apprentice",
                "set",
                "Amy",
                "--start",
                "2026-09-20",
            ][..],
            "--start: 2026-09-20 is after records already dated 2026-09-10",
        ),
        (
            &[
                "--as",
                "Ada",
                "apprentice",
                "set",
                "Amy",
                "--dob",
                "2026-10-01",
            ],
            "--dob: 2026-10-01 is not before the start date 2026-09-07",
        ),
        (
            &[
                "--as",
                "Ada",
                "apprentice",
                "set",
                "Amy",
                "--assessor",
                "Amy",
            ],
            "--assessor: Amy Clark is an apprentice, not an assessor",
        ),
        (&["apprentice", "set", "Amy"], "--dob"),
        (
            &[
                "--as",
                "Ada",
                "apprentice",
                "set",
                "Sam",
                "--dob",
                "2000-01-02",
            ],
            "is not enrolled",
        ),
    ] {
        let message = sandbox.refused(args);
        assert!(message.contains(expected), "{args:?}: {message}");
    }
    assert_eq!(
        sandbox.count("SELECT count(*) FROM history"),
        history,
        "nothing written"
    );
}

on_both_engines!(
    a_name_that_reads_like_a_recorded_one_is_refused_naming_them,
    dates_and_hours_outside_sense_are_refused_with_the_reason,
    a_file_reference_is_one_line_of_bounded_length,
    refusals_name_the_argument_as_the_usage_line_does,
    negative_numbers_reach_the_rules_that_refuse_them,
    apprentice_set_corrects_birth_start_and_assessor_with_history,
);
