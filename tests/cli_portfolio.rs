//! Portfolio files through the real binary: `evidence add --attach`,
//! `verify` finding a changed file, and `export PERSON --to DIR` writing
//! an evidence pack that `sha256sum -c` accepts, the same bytes each time.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::engine::Engine;
use common::sandbox::Sandbox;

/// Amy Clark enrolled from 2026-09-01, on `engine`; on a server, attached
/// files go to a folder inside the sandbox, named by PCSO_TRACKER_FILES.
struct Portfolio {
    sandbox: Sandbox,
    files: Option<PathBuf>,
}

impl Portfolio {
    fn on(engine: Engine) -> Portfolio {
        let shared = engine.is_postgres();
        let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
        let files = shared.then(|| sandbox.dir.path().join("shared-files"));
        Portfolio { sandbox, files }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut command = self.sandbox.command(args);
        if let Some(folder) = &self.files {
            command.env("PCSO_TRACKER_FILES", folder);
        }
        command.output().expect("the binary runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    /// The folder attached files are kept in.
    fn folder(&self) -> PathBuf {
        match &self.files {
            Some(folder) => folder.clone(),
            None => self.sandbox.dir.path().join("tracker.db.files"),
        }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.sandbox.dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    fn attach(&self, title: &str, outcomes: &str, file: &Path) -> String {
        let file = file.to_str().expect("path");
        self.ok(&[
            "--as",
            "Amy",
            "evidence",
            "add",
            "Amy",
            "--title",
            title,
            "--outcomes",
            outcomes,
            "--date",
            "2026-10-01",
            "--attach",
            file,
        ])
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn attach_keeps_the_file_and_says_where(engine: Engine) {
    let p = Portfolio::on(engine);
    let source = p.file("witness statement.txt", b"I saw the PCSO calm the crowd.");
    let said = p.attach("Witness statement", "LO2", &source);
    let hash = sha256_hex(b"I saw the PCSO calm the crowd.");
    assert!(
        said.contains(&format!(
            "attached witness statement.txt (30 bytes, SHA-256 {hash})"
        )),
        "{said}"
    );
    assert_eq!(
        std::fs::read(p.folder().join(&hash)).expect("kept"),
        b"I saw the PCSO calm the crowd."
    );
    let verified = p.ok(&["verify"]);
    assert!(verified.contains("1 attached file"), "{verified}");
}

fn verify_fails_naming_a_changed_file(engine: Engine) {
    let p = Portfolio::on(engine);
    let source = p.file("notes.txt", b"patrol notes");
    p.attach("Patrol notes", "LO1", &source);
    std::fs::write(
        p.folder().join(sha256_hex(b"patrol notes")),
        b"patrol notes, edited",
    )
    .expect("tamper");
    let output = p.run(&["verify"]);
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains("evidence 1 (Amy Clark) \"notes.txt\": the file has changed"),
        "{said}"
    );
    assert!(
        said.contains("1 of 1 attached file fails its hash"),
        "{said}"
    );
}

on_both_engines!(
    attach_keeps_the_file_and_says_where,
    verify_fails_naming_a_changed_file
);

#[test]
fn attaching_to_a_server_without_a_folder_says_what_to_set() {
    let Some(engine) = Engine::postgres() else {
        return;
    };
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    let source = sandbox.dir.path().join("notes.txt");
    std::fs::write(&source, b"notes").expect("write");
    let refused = sandbox.refused(&[
        "--as",
        "Amy",
        "evidence",
        "add",
        "Amy",
        "--title",
        "Notes",
        "--outcomes",
        "LO1",
        "--attach",
        source.to_str().expect("path"),
    ]);
    assert!(refused.contains("set PCSO_TRACKER_FILES"), "{refused}");
}
