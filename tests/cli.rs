//! The real binary: what a user sees from `validate` and `standard show`
//! (no database is opened, so there is no engine to choose).

use std::path::Path;
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn validate_prints_ok_with_counts_for_both_bundled_files() {
    let output = run(
        &[
            "validate",
            "standard/pcso-level4.yaml",
            "standard/advanced-practitioner.yaml",
        ],
        Path::new(ROOT),
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "ok: standard/pcso-level4.yaml (14 outcomes, 11 requirements, 2 assessment methods)\n\
         ok: standard/advanced-practitioner.yaml (6 outcomes, 3 requirements, 0 assessment methods)\n"
    );
}

#[test]
fn validate_reports_each_problem_as_file_line_column_and_exits_1() {
    let bad = "tests/fixtures/standards/invalid/dangling-references.yaml";
    let output = run(
        &["validate", "standard/pcso-level4.yaml", bad],
        Path::new(ROOT),
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(lines[0].starts_with("ok: standard/pcso-level4.yaml"));
    assert_eq!(
        lines[3],
        format!("{bad}:50:21: assessment_methods[0].assesses[1]: `LO9` is not defined in outcomes")
    );
}

#[test]
fn no_invalid_fixture_makes_the_binary_panic() {
    let folder = Path::new(ROOT).join("tests/fixtures/standards/invalid");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .expect("fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| path.display().to_string())
        .collect();
    files.sort();
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let output = run(&args, Path::new(ROOT));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    for file in &files {
        assert!(text.contains(&format!("{file}:")), "no message for {file}");
    }
    assert!(!text.contains("ok:"), "{text}");
}

#[test]
fn standard_show_summarises_the_bundled_pcso_file_from_any_directory() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let output = run(&["standard", "show"], elsewhere.path());
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("standard_show_pcso", stdout(&output));
}

#[test]
fn standard_show_summarises_the_advanced_practitioner_file() {
    let output = run(
        &["standard", "show", "standard/advanced-practitioner.yaml"],
        Path::new(ROOT),
    );
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("standard_show_advanced_practitioner", stdout(&output));
}

#[test]
fn the_standard_option_replaces_the_bundled_file() {
    let fixture = "tests/fixtures/standards/valid/minimal.yaml";
    let output = run(
        &["--standard", fixture, "standard", "show"],
        Path::new(ROOT),
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains(&format!("from {fixture}")));
}

#[test]
fn a_broken_standard_option_is_an_error_on_stderr_with_exit_1() {
    let fixture = "tests/fixtures/standards/invalid/syntax-error.yaml";
    let output = run(
        &["--standard", fixture, "standard", "show"],
        Path::new(ROOT),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("{fixture}:52:8: did not find expected ','")),
        "{stderr}"
    );
}

#[test]
fn validate_without_files_is_a_usage_error() {
    let output = run(&["validate"], Path::new(ROOT));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("<FILE>..."));
}
