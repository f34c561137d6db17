//! The engine a test runs on: an SQLite file in a temporary folder, or a
//! fresh database on the throwaway PostgreSQL server. `on_both_engines!`
//! turns a test body taking an `Engine` into `NAME::sqlite` and
//! `NAME::postgres`; the PostgreSQL one skips (with the one line
//! `pg::database` prints) where no server is installed.

use super::pg;
use pcso_tracker::store::Store;
use std::ffi::OsString;
use std::path::PathBuf;
use tempfile::TempDir;

pub enum Engine {
    Sqlite(TempDir),
    Postgres(String),
}

impl Engine {
    pub fn sqlite() -> Engine {
        Engine::Sqlite(tempfile::tempdir().expect("temp dir"))
    }

    /// None when no PostgreSQL server is installed (and it may be missing).
    pub fn postgres() -> Option<Engine> {
        pg::database().map(Engine::Postgres)
    }

    /// Another, empty database on the same engine.
    pub fn fresh(&self) -> Engine {
        match self {
            Engine::Sqlite(_) => Engine::sqlite(),
            Engine::Postgres(_) => Engine::postgres().expect("the server is running"),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Engine::Postgres(_))
    }

    /// The SQLite file, if this engine has one.
    pub fn file(&self) -> Option<PathBuf> {
        match self {
            Engine::Sqlite(dir) => Some(dir.path().join("tracker.db")),
            Engine::Postgres(_) => None,
        }
    }

    /// What `--db` and `PCSO_TRACKER_DB` are given.
    pub fn db(&self) -> OsString {
        match self {
            Engine::Sqlite(dir) => dir.path().join("tracker.db").into_os_string(),
            Engine::Postgres(url) => url.into(),
        }
    }

    /// A folder a command may run in.
    pub fn folder(&self) -> PathBuf {
        match self {
            Engine::Sqlite(dir) => dir.path().to_path_buf(),
            Engine::Postgres(_) => std::env::temp_dir(),
        }
    }

    pub fn open(&self) -> Store {
        match self {
            Engine::Sqlite(dir) => Store::open(&dir.path().join("tracker.db")).expect("open"),
            Engine::Postgres(url) => Store::open_url(url).expect("open"),
        }
    }

    /// The first column of the first row of `sql` (portable SQL), as an
    /// integer; none when there is no row or it is NULL.
    pub fn number(&self, sql: &str) -> Option<i64> {
        match self {
            Engine::Sqlite(dir) => rusqlite::Connection::open(dir.path().join("tracker.db"))
                .and_then(|c| c.query_row(sql, [], |row| row.get::<_, Option<i64>>(0)))
                .expect("query"),
            Engine::Postgres(url) => {
                let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
                let row = client.query_one(sql, &[]).expect("query");
                row.get::<_, Option<i64>>(0)
            }
        }
    }

    /// The first column of every row of `sql` (portable SQL), as text.
    pub fn texts(&self, sql: &str) -> Vec<String> {
        match self {
            Engine::Sqlite(dir) => rusqlite::Connection::open(dir.path().join("tracker.db"))
                .and_then(|c| {
                    let mut statement = c.prepare(sql)?;
                    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
                    rows.collect()
                })
                .expect("query"),
            Engine::Postgres(url) => {
                let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
                let rows = client.query(sql, &[]).expect("query");
                rows.iter().map(|row| row.get::<_, String>(0)).collect()
            }
        }
    }

    /// Every row of `sql` (portable SQL whose columns are all text: cast
    /// the others), each column as text or none for NULL.
    pub fn rows(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        match self {
            Engine::Sqlite(dir) => rusqlite::Connection::open(dir.path().join("tracker.db"))
                .and_then(|c| {
                    let mut statement = c.prepare(sql)?;
                    let width = statement.column_count();
                    let rows = statement.query_map([], |row| {
                        (0..width)
                            .map(|i| row.get::<_, Option<String>>(i))
                            .collect()
                    })?;
                    rows.collect()
                })
                .expect("query"),
            Engine::Postgres(url) => {
                let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
                let rows = client.query(sql, &[]).expect("query");
                rows.iter()
                    .map(|row| (0..row.len()).map(|i| row.get(i)).collect())
                    .collect()
            }
        }
    }

    /// Runs statements behind the app's back; the engine's refusal as text.
    pub fn execute(&self, sql: &str) -> Result<(), String> {
        match self {
            Engine::Sqlite(dir) => rusqlite::Connection::open(dir.path().join("tracker.db"))
                .and_then(|c| c.execute_batch(sql))
                .map_err(|e| e.to_string()),
            Engine::Postgres(url) => postgres::Client::connect(url, postgres::NoTls)
                .and_then(|mut c| c.batch_execute(sql))
                .map_err(|e| match e.as_db_error() {
                    Some(refusal) => refusal.message().to_string(),
                    None => e.to_string(),
                }),
        }
    }
}

/// Runs each named test body (a `fn NAME(engine: Engine)`) once per
/// engine, as the tests `NAME::sqlite` and `NAME::postgres`.
#[macro_export]
macro_rules! on_both_engines {
    ($($test:ident),+ $(,)?) => {$(
        mod $test {
            #[test]
            fn sqlite() {
                super::$test($crate::common::engine::Engine::sqlite());
            }

            #[test]
            fn postgres() {
                if let Some(engine) = $crate::common::engine::Engine::postgres() {
                    super::$test(engine);
                }
            }
        }
    )+};
}
