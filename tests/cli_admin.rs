//! `admin init` and `admin grant` on a real PostgreSQL server: the
//! database's owner sets up the permissions and gives a person a login,
//! which then acts as that person and reaches only her records.

mod common;

use common::pg;
use postgres::{Client, NoTls};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(url: &str, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("PCSO_TRACKER_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("input")
        .write_all(input.as_bytes())
        .expect("write input");
    child.wait_with_output().expect("the binary ends")
}

fn ok(url: &str, args: &[&str], input: &str) -> String {
    let output = run(url, args, input);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn refused(url: &str, args: &[&str]) -> String {
    let output = run(url, args, "");
    assert_eq!(output.status.code(), Some(1), "{args:?} should be refused");
    String::from_utf8(output.stderr).expect("UTF-8")
}

/// A database set up with `admin init`, holding Chloe (an apprentice) and
/// Dan (another), each enrolled; gives the URL and the database's name.
fn unit() -> Option<(String, String, Client)> {
    let url = pg::database()?;
    let said = ok(&url, &["admin", "init"], "");
    assert!(said.contains("pcso_apprentice"), "{said}");
    let mut owner = Client::connect(&url, NoTls).expect("connect");
    owner
        .batch_execute(
            "INSERT INTO person (name, role, created_at) VALUES
                 ('Chloe Evans', 'apprentice', now()), ('Dan Hughes', 'apprentice', now());
             INSERT INTO enrolment (person_id, framework_id, framework_version, framework_hash,
                                    start_date, planned_end, created_at)
                 SELECT id, 'pcso-level4', '2026.1', 'h', '2026-01-05', '2027-07-05', now() FROM person;",
        )
        .expect("seed");
    let database: String = owner
        .query_one("SELECT current_database()::text", &[])
        .expect("name")
        .get(0);
    Some((url, database, owner))
}

fn as_login(url: &str, login: &str) -> Client {
    let url = url.replacen(
        "postgresql://postgres@",
        &format!("postgresql://{login}@"),
        1,
    );
    Client::connect(&url, NoTls).expect("connect as the login")
}

#[test]
fn a_person_granted_a_login_acts_as_herself_and_reads_only_her_records() {
    let Some((url, database, mut owner)) = unit() else {
        return;
    };
    let login = format!("chloe_{database}");
    let said = ok(&url, &["admin", "grant", "chloe", "--login", &login], "");
    assert_eq!(
        said,
        format!(
            "Chloe Evans (apprentice) acts as the login {login}, a member of pcso_apprentice\n"
        )
    );
    ok(&url, &["admin", "init"], "");
    let mut chloe = as_login(&url, &login);
    let names: Vec<String> = chloe
        .query(
            "SELECT p.name FROM enrolment e JOIN person p ON p.id = e.person_id",
            &[],
        )
        .expect("her enrolments")
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(names, vec!["Chloe Evans".to_string()]);
    // The app's own commands open the database as her login, without
    // changing its schema, and reach only her.
    let login_url = url.replacen(
        "postgresql://postgres@",
        &format!("postgresql://{login}@"),
        1,
    );
    let listed = ok(&login_url, &["apprentice", "list"], "");
    assert!(listed.contains("Chloe Evans"), "{listed}");
    assert!(!listed.contains("Dan Hughes"), "{listed}");
    // A password, typed twice on standard input, is kept as a verifier.
    ok(
        &url,
        &[
            "admin",
            "grant",
            "Chloe Evans",
            "--login",
            &login,
            "--password",
        ],
        "long enough secret\nlong enough secret\n",
    );
    let stored: String = owner
        .query_one(
            "SELECT rolpassword FROM pg_authid WHERE rolname = $1",
            &[&login],
        )
        .expect("the role")
        .get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$"), "{stored}");
}

#[test]
fn admin_commands_refuse_a_file_an_unknown_person_and_acting_as_someone() {
    let Some((url, database, _owner)) = unit() else {
        return;
    };
    let login = format!("x_{database}");
    let file = tempfile::tempdir().expect("temp dir");
    let path = file.path().join("tracker.db");
    let path = path.to_string_lossy();
    let message = refused(&path, &["admin", "init"]);
    assert!(message.contains("PostgreSQL database"), "{message}");
    let message = refused(&url, &["admin", "grant", "Zoe", "--login", &login]);
    assert!(message.contains("no person matches `Zoe`"), "{message}");
    let message = refused(&url, &["--as", "Chloe", "admin", "init"]);
    assert!(message.contains("leave out --as"), "{message}");
    let message = refused(&url, &["admin", "grant", "Chloe", "--login", "postgres"]);
    assert!(message.contains("superuser"), "{message}");
}
