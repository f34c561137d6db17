//! How the real binary hands its output over: in a few large writes, and
//! quietly when the reader stops early (`| head`), on both engines.

mod common;

use common::engine::Engine;
use common::sandbox::Sandbox;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

const PEOPLE: usize = 2_000;

/// A database of `PEOPLE` apprentices, written directly: adding them one
/// command at a time would take minutes.
fn many_people(engine: Engine) -> Sandbox {
    let numbered = if engine.is_postgres() {
        format!("SELECT lpad(i::text, 5, '0') AS i FROM generate_series(1, {PEOPLE}) AS i")
    } else {
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PEOPLE})
             SELECT printf('%05d', i) AS i FROM n"
        )
    };
    let sandbox = Sandbox::on(engine);
    sandbox.ok(&["apprentice", "list"]);
    sandbox.sql(&format!(
        "INSERT INTO person (name, role, created_at)
         SELECT 'Apprentice ' || i, 'apprentice', '2026-01-01T00:00:00Z' FROM ({numbered}) AS n;"
    ));
    sandbox
}

/// A listing of thousands of lines costs a handful of writes, not one per
/// line. Counted from the kernel's own tally of the process's writes, read
/// once it has exited but before it is reaped.
#[cfg(target_os = "linux")]
fn a_long_listing_reaches_its_reader_in_a_few_writes(engine: Engine) {
    let sandbox = many_people(engine);
    let child = sandbox
        .command(&["apprentice", "list"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let proc = format!("/proc/{}", child.id());
    while !exited(&proc) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let io = std::fs::read_to_string(format!("{proc}/io")).expect("the process's I/O tally");
    let mut child = child;
    assert!(child.wait().expect("exit status").success());
    let writes: usize = io
        .lines()
        .find_map(|line| line.strip_prefix("syscw:"))
        .and_then(|count| count.trim().parse().ok())
        .expect("a syscw line");
    assert!(writes < PEOPLE / 20, "{writes} writes for {PEOPLE} lines");
}

/// Whether the process has finished (a zombie, still readable in /proc).
#[cfg(target_os = "linux")]
fn exited(proc: &str) -> bool {
    let stat = std::fs::read_to_string(format!("{proc}/stat")).expect("the process's state");
    // The state follows the command name, which is in parentheses.
    stat.rsplit_once(')')
        .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
}

fn a_reader_that_stops_early_is_not_an_error(engine: Engine) {
    let sandbox = many_people(engine);
    let mut child = sandbox
        .command(&["apprentice", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("piped stdout");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("the first line");
    // The reader goes away with far more than a pipe's buffer still to come.
    let output = child.wait_with_output().expect("exit status");
    assert!(first.starts_with("   ID  NAME"), "{first}");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[cfg(target_os = "linux")]
on_both_engines!(a_long_listing_reaches_its_reader_in_a_few_writes);

on_both_engines!(a_reader_that_stops_early_is_not_an_error);
