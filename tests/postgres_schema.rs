//! The PostgreSQL schema against a real server: it applies, it has SQLite's
//! tables and columns, its CHECKs refuse bad rows, history is append-only
//! and sealed check-ins are protected, whatever client writes.

mod common;

use common::pg;
use pcso_tracker::store::Store;
use pcso_tracker::store::postgres::{SCHEMA_VERSION, migrate};
use postgres::{Client, NoTls};
use std::collections::BTreeSet;

/// A new database with the schema applied; None when no server is installed.
fn database() -> Option<Client> {
    let url = pg::database()?;
    let mut client = Client::connect(&url, NoTls).expect("connect");
    migrate(&mut client).expect("apply the schema");
    Some(client)
}

#[test]
fn the_schema_applies_to_an_empty_database_once() {
    let Some(url) = pg::database() else { return };
    let mut client = Client::connect(&url, NoTls).expect("connect");
    assert_eq!(migrate(&mut client).expect("apply"), 0, "found empty");
    assert_eq!(migrate(&mut client).expect("apply again"), SCHEMA_VERSION);
    let applied: i64 = client
        .query_one("SELECT count(*) FROM schema_migration", &[])
        .expect("count")
        .get(0);
    assert_eq!(applied, i64::from(SCHEMA_VERSION));
}

/// Every table and column of SQLite's schema, and only those, so that
/// statements can be shared between the engines.
#[test]
fn the_tables_and_columns_are_named_as_in_sqlite() {
    let Some(mut client) = database() else { return };
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("tracker.db");
    drop(Store::open(&path).expect("a new SQLite database"));
    let sqlite = rusqlite::Connection::open(&path).expect("open SQLite");
    let mut statement = sqlite
        .prepare(
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .expect("prepare");
    let in_sqlite: BTreeSet<(String, String)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("read SQLite's columns")
        .collect::<Result<_, _>>()
        .expect("columns");
    let in_postgres: BTreeSet<(String, String)> = client
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> 'schema_migration'",
            &[],
        )
        .expect("read PostgreSQL's columns")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    assert!(in_sqlite.len() > 50, "read SQLite's columns: {in_sqlite:?}");
    assert_eq!(in_postgres, in_sqlite);
}
