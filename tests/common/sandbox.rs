//! The real binary run in a temporary folder with its own database (an
//! SQLite file in that folder, or a database on the test PostgreSQL server
//! given as a URL), on 2026-11-21.

use super::engine::Engine;
use rusqlite::Connection;
use std::path::PathBuf;
use std::process::{Command, Output};
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-21";

pub struct Sandbox {
    pub dir: TempDir,
    /// The database's URL when it is on a server.
    server: Option<String>,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox::on(Engine::sqlite())
    }

    /// A sandbox on `engine`'s database.
    pub fn on(engine: Engine) -> Self {
        match engine {
            Engine::Sqlite(dir) => Sandbox { dir, server: None },
            Engine::Postgres(url) => Sandbox {
                dir: tempfile::tempdir().expect("temp dir"),
                server: Some(url),
            },
        }
    }

    /// A sandbox whose database has its first administrator, Ada Lovell,
    /// who adds everyone else (`--as Ada`).
    pub fn with_administrator() -> Self {
        Sandbox::with_administrator_on(Engine::sqlite())
    }

    pub fn with_administrator_on(engine: Engine) -> Self {
        let sandbox = Sandbox::on(engine);
        sandbox.ok(&["person", "add", "Ada Lovell", "--role", "administrator"]);
        sandbox
    }

    /// Adds Sam Patel (assessor) and Jo Reid (employer), and enrols `name`
    /// from `start` with them as assessor and employer.
    pub fn with_apprentice(name: &str, start: &str) -> Self {
        Sandbox::with_apprentice_on(name, start, Engine::sqlite())
    }

    pub fn with_apprentice_on(name: &str, start: &str, engine: Engine) -> Self {
        let sandbox = Sandbox::with_administrator_on(engine);
        let ada = ["--as", "Ada"];
        sandbox.ok(&[&ada[..], &["assessor", "add", "Sam Patel"]].concat());
        sandbox.ok(&[
            &ada[..],
            &["person", "add", "Jo Reid", "--role", "employer"],
        ]
        .concat());
        let add = [
            "apprentice",
            "add",
            name,
            "--start",
            start,
            "--assessor",
            "Sam",
        ];
        sandbox.ok(&[&ada[..], &add].concat());
        sandbox.ok(&[&ada[..], &["apprentice", "set", name, "--employer", "Jo"]].concat());
        sandbox
    }

    /// The database file, or the server database's URL.
    pub fn db(&self) -> PathBuf {
        match &self.server {
            Some(url) => PathBuf::from(url),
            None => self.dir.path().join("tracker.db"),
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"));
        command
            .args(["--today", TODAY])
            .args(args)
            .env("PCSO_TRACKER_DB", self.db())
            .current_dir(self.dir.path());
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    /// Stderr of a command that must be refused with exit 1.
    pub fn refused(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?} should be refused: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        String::from_utf8(output.stderr).expect("UTF-8")
    }

    /// The number `sql` (portable SQL) gives.
    pub fn count(&self, sql: &str) -> i64 {
        match &self.server {
            Some(url) => postgres::Client::connect(url, postgres::NoTls)
                .and_then(|mut c| c.query_one(sql, &[]))
                .expect("count")
                .get(0),
            None => Connection::open(self.db())
                .and_then(|c| c.query_row(sql, [], |row| row.get(0)))
                .expect("count"),
        }
    }

    pub fn sql(&self, sql: &str) {
        match &self.server {
            Some(url) => postgres::Client::connect(url, postgres::NoTls)
                .and_then(|mut c| c.batch_execute(sql))
                .expect("sql"),
            None => Connection::open(self.db())
                .and_then(|c| c.execute_batch(sql))
                .expect("sql"),
        }
    }
}
