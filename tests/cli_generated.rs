//! Shell completions and the manual page, generated from the command line's
//! definition by the real binary.

mod common;

use common::sandbox::Sandbox;

#[test]
fn each_shell_completes_the_commands() {
    let sandbox = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = sandbox.ok(&["completions", shell]);
        assert!(!script.trim().is_empty(), "{shell}");
        for command in ["apprentice", "checkin", "evidence", "completions"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    // Nothing is opened or asked: completions come before any database.
    assert!(!sandbox.db().exists());
}

#[test]
fn an_unknown_shell_is_refused_naming_the_shells() {
    let said = Sandbox::new().refused(&["completions", "cmd"]);
    assert!(said.contains("bash"), "{said}");
    assert!(said.contains("fish"), "{said}");
}

#[test]
fn the_manual_page_is_roff_naming_every_command() {
    let page = Sandbox::new().ok(&["man"]);
    assert!(page.contains(".TH pcso-tracker 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for command in [
        "apprentice",
        "checkin",
        "hours",
        "evidence",
        "report",
        "man",
    ] {
        assert!(
            page.contains(&format!("pcso\\-tracker\\-{command}(1)")),
            "{command} missing"
        );
    }
}

#[test]
fn each_command_has_its_own_manual_page() {
    let sandbox = Sandbox::new();
    let page = sandbox.ok(&["man", "checkin", "show"]);
    assert!(page.contains(".TH pcso-tracker-checkin-show 1"), "{page}");
    assert!(page.contains("\\-\\-format"), "its options: {page}");
    let page = sandbox.ok(&["man", "report"]);
    assert!(page.contains("\\-\\-sort"), "{page}");
    let said = sandbox.refused(&["man", "chekin"]);
    assert!(said.contains("no command `chekin`"), "{said}");
    assert!(said.contains("checkin"), "the commands are listed: {said}");

    let dir = tempfile::tempdir().expect("a folder");
    let pages = dir.path().join("man1");
    let said = sandbox.ok(&["man", "--dir", &pages.to_string_lossy()]);
    assert!(said.contains("manual pages"), "{said}");
    for file in [
        "pcso-tracker.1",
        "pcso-tracker-checkin.1",
        "pcso-tracker-checkin-show.1",
        "pcso-tracker-hours-edit.1",
    ] {
        assert!(pages.join(file).is_file(), "{file} not written");
    }
}
