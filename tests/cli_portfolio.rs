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
    let shown = p.ok(&["apprentice", "show", "Amy", "--format", "json"]);
    let shown: serde_json::Value = serde_json::from_str(&shown).expect("JSON");
    assert_eq!(
        shown["progress"]["evidence"][0]["attachment"],
        serde_json::json!({
            "name": "witness statement.txt",
            "size": 30,
            "sha256": hash,
        })
    );
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

/// Every file under `dir`, by its path inside it, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, found: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, found);
            } else {
                let relative = path.strip_prefix(root).expect("inside");
                let bytes = std::fs::read(&path).expect("read");
                found.push((relative.display().to_string(), bytes));
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, dir, &mut found);
    found.sort();
    found
}

/// The demo on `engine`, with Ben Okafor's witness statement attached.
fn demo_with_a_file(engine: Engine) -> Portfolio {
    let shared = engine.is_postgres();
    let sandbox = Sandbox::on(engine);
    let files = shared.then(|| sandbox.dir.path().join("shared-files"));
    let p = Portfolio { sandbox, files };
    p.ok(&["demo"]);
    let source = p.file("statement.txt", b"Ben handled the dispute calmly.\n");
    let source = source.to_str().expect("path");
    p.ok(&[
        "--as",
        "Ben Okafor",
        "evidence",
        "add",
        "Ben Okafor",
        "--title",
        "Witness statement",
        "--outcomes",
        "LO2",
        "--kind",
        "witness-testimony",
        "--attach",
        source,
    ]);
    p
}

fn export_writes_a_pack_sha256sum_accepts_the_same_each_time(engine: Engine) {
    let p = demo_with_a_file(engine);
    let first = p.sandbox.dir.path().join("pack-1");
    let second = p.sandbox.dir.path().join("pack-2");
    std::fs::create_dir(&second).expect("an empty folder is written into");
    let said = p.ok(&[
        "--as",
        "Ben Okafor",
        "export",
        "Ben Okafor",
        "--to",
        first.to_str().expect("path"),
    ]);
    assert!(said.contains("sha256sum -c MANIFEST.sha256"), "{said}");
    p.ok(&[
        "export",
        "Ben Okafor",
        "--to",
        second.to_str().expect("path"),
    ]);

    let pack = tree(&first);
    assert_eq!(pack, tree(&second), "the same records give the same bytes");
    let names: Vec<&str> = pack.iter().map(|(name, _)| name.as_str()).collect();
    for expected in [
        "MANIFEST.sha256",
        "evidence.csv",
        "evidence.md",
        "hours.csv",
        "report.json",
        "report.md",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    assert!(
        names.iter().any(|n| n.starts_with("reviews/checkin-")),
        "{names:?}"
    );
    let attached = pack
        .iter()
        .find(|(name, _)| name.ends_with("-statement.txt"))
        .expect("the attached file");
    assert!(attached.0.starts_with("files/"), "{}", attached.0);
    assert_eq!(attached.1, b"Ben handled the dispute calmly.\n");

    let csv = String::from_utf8(
        pack.iter()
            .find(|(n, _)| n == "evidence.csv")
            .expect("csv")
            .1
            .clone(),
    )
    .expect("UTF-8");
    let row = csv
        .lines()
        .find(|line| line.contains("Witness statement"))
        .expect("the statement's row");
    assert!(row.contains(",witness testimony,LO2,"), "{row}");
    assert!(row.contains(&attached.0), "{row}");
    assert!(!csv.contains('\r'));

    let hours = String::from_utf8(
        pack.iter()
            .find(|(n, _)| n == "hours.csv")
            .expect("hours")
            .1
            .clone(),
    )
    .expect("UTF-8");
    assert!(
        hours.starts_with("id,date,hours,category,activity,benefit,review,query_reason,"),
        "{hours}"
    );
    assert!(
        hours
            .lines()
            .any(|line| line.contains(",off-the-job,") && line.contains(",accepted,")),
        "the demo's accepted off-the-job days: {hours}"
    );

    let manifest = String::from_utf8(
        pack.iter()
            .find(|(n, _)| n == "MANIFEST.sha256")
            .expect("manifest")
            .1
            .clone(),
    )
    .expect("UTF-8");
    let listed: Vec<&str> = manifest.lines().map(|l| &l[66..]).collect();
    let others: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| *n != "MANIFEST.sha256")
        .collect();
    assert_eq!(
        listed, others,
        "the manifest lists every other file, sorted"
    );
    let checked = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", "MANIFEST.sha256"])
        .current_dir(&first)
        .output()
        .expect("sha256sum runs");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );

    // A changed file is found by the same check.
    std::fs::write(first.join(&attached.0), b"edited").expect("tamper");
    let checked = std::process::Command::new("sha256sum")
        .args(["-c", "MANIFEST.sha256"])
        .current_dir(&first)
        .output()
        .expect("sha256sum runs");
    assert!(!checked.status.success());
}

fn export_refuses_a_folder_that_holds_files_and_leaves_it_alone(engine: Engine) {
    let p = demo_with_a_file(engine);
    let used = p.sandbox.dir.path().join("used");
    std::fs::create_dir(&used).expect("folder");
    std::fs::write(used.join("mine.txt"), b"keep me").expect("write");
    let output = p.run(&["export", "Ben Okafor", "--to", used.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("holds files already"), "{said}");
    assert_eq!(
        tree(&used),
        vec![("mine.txt".to_string(), b"keep me".to_vec())]
    );
    let leftovers: Vec<String> = std::fs::read_dir(p.sandbox.dir.path())
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

fn export_refuses_a_changed_file_and_leaves_no_pack(engine: Engine) {
    let p = demo_with_a_file(engine);
    let kept = p
        .folder()
        .join(sha256_hex(b"Ben handled the dispute calmly.\n"));
    std::fs::write(&kept, b"changed").expect("tamper");
    let pack = p.sandbox.dir.path().join("pack");
    let output = p.run(&["export", "Ben Okafor", "--to", pack.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("no longer matches its hash"), "{said}");
    assert!(!pack.exists());
    let leftovers = std::fs::read_dir(p.sandbox.dir.path())
        .expect("folder")
        .filter(|e| {
            e.as_ref()
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .contains("partial")
        })
        .count();
    assert_eq!(leftovers, 0);
}

on_both_engines!(
    export_writes_a_pack_sha256sum_accepts_the_same_each_time,
    export_refuses_a_folder_that_holds_files_and_leaves_it_alone,
    export_refuses_a_changed_file_and_leaves_no_pack,
);
