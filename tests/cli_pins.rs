//! PINs through the real binary: `pin set` reads the PIN twice, and a
//! command run `--as` someone with a PIN reads it before anything else.
//! Standard input stands in for the terminal, as a script would pipe it.

use std::io::Write;
use std::process::{Output, Stdio};

mod common;

use common::engine::Engine;
use common::sandbox::Sandbox;

/// Sam assesses Amy; Amy has the PIN 4321.
fn amy_with_pin(engine: Engine) -> Sandbox {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    let set = with_input(&sandbox, &["--as", "Amy", "pin", "set"], "4321\n4321\n");
    assert!(set.status.success(), "{}", text(&set.stderr));
    assert_eq!(text(&set.stdout), "PIN set for Amy Clark\n");
    sandbox
}

/// The binary run with `input` as its standard input.
fn with_input(sandbox: &Sandbox, args: &[&str], input: &str) -> Output {
    let mut child = sandbox
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // A command that refuses before reading may close its end first.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().expect("finished")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const MARK_LO1: [&str; 8] = [
    "--as",
    "Amy",
    "outcome",
    "set",
    "Amy",
    "LO1",
    "--status",
    "in-progress",
];

fn outcome_rows(sandbox: &Sandbox) -> i64 {
    sandbox.count("SELECT count(*) FROM history WHERE record = 'outcome_progress'")
}

fn acting_as_someone_with_a_pin_needs_it_and_the_right_one_lets_the_command_run(engine: Engine) {
    let sandbox = amy_with_pin(engine);
    let refused = with_input(&sandbox, &MARK_LO1, "");
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        text(&refused.stderr),
        "Amy Clark has a PIN: type it at the terminal, or give it as a line of standard input\n"
    );
    assert_eq!(outcome_rows(&sandbox), 0);
    let done = with_input(&sandbox, &MARK_LO1, "4321\n");
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert_eq!(outcome_rows(&sandbox), 1);
}

fn a_wrong_pin_is_refused_in_one_line_naming_the_person_and_records_nothing(engine: Engine) {
    let sandbox = amy_with_pin(engine);
    let history = sandbox.count("SELECT count(*) FROM history");
    let wrong = with_input(&sandbox, &MARK_LO1, "1111\n");
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(
        text(&wrong.stderr),
        "wrong PIN for Amy Clark (2 tries left before a minute's lock-out)\n"
    );
    assert!(wrong.stdout.is_empty());
    assert_eq!(sandbox.count("SELECT count(*) FROM history"), history);
}

fn three_wrong_pins_lock_the_person_whatever_command_is_run(engine: Engine) {
    let sandbox = amy_with_pin(engine);
    for _ in 0..3 {
        let wrong = with_input(&sandbox, &MARK_LO1, "0000\n");
        assert_eq!(wrong.status.code(), Some(1));
    }
    let report = with_input(&sandbox, &["--as", "Amy", "report", "Amy"], "4321\n");
    assert_eq!(report.status.code(), Some(1));
    let message = text(&report.stderr);
    assert!(
        message.starts_with("Amy Clark is locked after too many wrong PINs; try again in "),
        "{message}"
    );
    assert_eq!(outcome_rows(&sandbox), 0);
}

fn someone_without_a_pin_is_not_asked_and_commands_without_as_are_not_asked(engine: Engine) {
    let sandbox = amy_with_pin(engine);
    let sam = with_input(&sandbox, &["--as", "Sam", "report", "Amy"], "");
    assert!(sam.status.success(), "{}", text(&sam.stderr));
    let anyone = with_input(&sandbox, &["report", "Amy"], "");
    assert!(anyone.status.success(), "{}", text(&anyone.stderr));
}

fn changing_a_pin_asks_the_current_one_then_the_new_one_twice(engine: Engine) {
    let sandbox = amy_with_pin(engine);
    let args = ["--as", "Amy", "pin", "set"];
    let differ = with_input(&sandbox, &args, "4321\n5555\n6666\n");
    assert_eq!(
        text(&differ.stderr),
        "the two new PINs typed for Amy Clark differ; nothing was saved\n"
    );
    let wrong = with_input(&sandbox, &args, "1111\n5555\n5555\n");
    assert!(text(&wrong.stderr).starts_with("wrong PIN for Amy Clark"));
    let changed = with_input(&sandbox, &args, "4321\n5555\n5555\n");
    assert_eq!(text(&changed.stdout), "PIN changed for Amy Clark\n");
    assert!(with_input(&sandbox, &MARK_LO1, "5555\n").status.success());
}

fn a_pin_is_set_only_as_oneself_and_never_read_from_the_command_line(engine: Engine) {
    let sandbox = amy_with_pin(engine);
    let nobody = with_input(&sandbox, &["pin", "set"], "1234\n1234\n");
    assert_eq!(
        text(&nobody.stderr),
        "a PIN is set by its owner: give --as YOUR NAME\n"
    );
    let as_argument = with_input(&sandbox, &["--as", "Sam", "pin", "set", "1234"], "");
    assert_eq!(as_argument.status.code(), Some(1));
    assert_eq!(sandbox.count("SELECT count(*) FROM person_pin"), 1);
}

on_both_engines!(
    acting_as_someone_with_a_pin_needs_it_and_the_right_one_lets_the_command_run,
    a_wrong_pin_is_refused_in_one_line_naming_the_person_and_records_nothing,
    three_wrong_pins_lock_the_person_whatever_command_is_run,
    someone_without_a_pin_is_not_asked_and_commands_without_as_are_not_asked,
    changing_a_pin_asks_the_current_one_then_the_new_one_twice,
    a_pin_is_set_only_as_oneself_and_never_read_from_the_command_line,
);
