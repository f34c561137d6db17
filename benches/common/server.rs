//! The benchmarks on PostgreSQL: a throwaway cluster on a unix socket, each
//! cached SQLite database copied into a fresh database on it with `copy`,
//! and the statements a command ran there, with their parameters written
//! in, for `psql` to run over the same socket (the floor).

use pcso_tracker::store::postgres::TempCluster;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub const PSQL: &str = "psql";

/// Whether `db` names a server rather than a file.
pub fn is_server(db: &Path) -> bool {
    db.to_string_lossy().starts_with("postgresql://")
}

/// A new database on `cluster` holding a copy of `file`; prints how long
/// the copy took.
pub fn copied_database(binary: &str, cluster: &TempCluster, file: &Path) -> PathBuf {
    let url = cluster.create_database().expect("create a database");
    let started = Instant::now();
    let output = Command::new(binary)
        .args(["copy", "--from"])
        .arg(file)
        .args(["--to", &url])
        .output()
        .expect("run copy");
    assert!(
        output.status.success(),
        "copy failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    println!(
        "copied {} to PostgreSQL in {:.1} s",
        file.display(),
        started.elapsed().as_secs_f64()
    );
    PathBuf::from(url)
}

/// The URL of `db` with every statement its sessions run written to the
/// server's log (the benchmark connects as the cluster's superuser, who
/// may ask for that).
pub fn logging(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}&options=-c%20log_statement%3Dall", db.display()))
}

/// The server's log, read from byte `from` on.
pub fn log_since(cluster: &TempCluster, from: u64) -> String {
    let text = std::fs::read(cluster.folder().join("server.log")).unwrap_or_default();
    String::from_utf8_lossy(text.get(from as usize..).unwrap_or_default()).into_owned()
}

pub fn log_length(cluster: &TempCluster) -> u64 {
    std::fs::metadata(cluster.folder().join("server.log")).map_or(0, |m| m.len())
}

/// The statements of a `log_statement = all` log, each with its
/// parameters written in as the literals the log gives, one per line
/// ending `;`.
pub fn statements(log: &str) -> String {
    let mut entries: Vec<String> = Vec::new();
    for line in log.lines() {
        if starts_entry(line) {
            entries.push(line.to_string());
        } else if let Some(last) = entries.last_mut() {
            last.push('\n');
            last.push_str(line);
        }
    }
    let mut out = String::new();
    let mut pending: Option<String> = None;
    for entry in entries {
        if let Some(sql) = statement_of(&entry) {
            flush(&mut out, pending.take());
            pending = Some(sql);
        } else if let Some(parameters) = parameters_of(&entry) {
            if let Some(sql) = pending.take() {
                pending = Some(bind(&sql, &parameters));
            }
        }
    }
    flush(&mut out, pending);
    out
}

fn flush(out: &mut String, sql: Option<String>) {
    if let Some(sql) = sql {
        out.push_str(sql.trim_end().trim_end_matches(';'));
        out.push_str(";\n");
    }
}

/// A log line starts with its time: `2026-11-22 00:50:00.123 UTC [pid] `.
fn starts_entry(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.len() > 5 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-'
}

fn statement_of(entry: &str) -> Option<String> {
    let (_, message) = entry.split_once("LOG:  ")?;
    if let Some(sql) = message.strip_prefix("statement: ") {
        return Some(sql.to_string());
    }
    let rest = message.strip_prefix("execute ")?;
    rest.split_once(": ").map(|(_, sql)| sql.to_string())
}

/// `$1 = '1000', $2 = NULL` as (number, literal) pairs.
fn parameters_of(entry: &str) -> Option<Vec<(usize, String)>> {
    let (_, detail) = entry.split_once("DETAIL:  ")?;
    let list = detail
        .strip_prefix("Parameters: ")
        .or_else(|| detail.strip_prefix("parameters: "))?;
    let mut found = Vec::new();
    let mut rest = list;
    while let Some(after) = rest.strip_prefix('$') {
        let (number, value) = after.split_once(" = ")?;
        let (literal, tail) = literal(value)?;
        found.push((number.parse().ok()?, literal));
        rest = tail.strip_prefix(", ").unwrap_or(tail);
    }
    Some(found)
}

/// A quoted literal (with '' inside) or NULL at the start of `text`.
fn literal(text: &str) -> Option<(String, &str)> {
    if let Some(tail) = text.strip_prefix("NULL") {
        return Some(("NULL".into(), tail));
    }
    let body = text.strip_prefix('\'')?;
    let mut end = 0;
    let bytes = body.as_bytes();
    while end < bytes.len() {
        if bytes[end] == b'\'' {
            if bytes.get(end + 1) == Some(&b'\'') {
                end += 2;
                continue;
            }
            return Some((format!("'{}'", &body[..end]), &body[end + 1..]));
        }
        end += 1;
    }
    None
}

/// The statement with `$N` replaced by its literal, highest N first so
/// that `$1` does not match the start of `$12`.
fn bind(sql: &str, parameters: &[(usize, String)]) -> String {
    let mut sorted = parameters.to_vec();
    sorted.sort_by_key(|parameter| std::cmp::Reverse(parameter.0));
    let mut bound = sql.to_string();
    for (number, literal) in sorted {
        bound = bound.replace(&format!("${number}"), &literal);
    }
    bound
}

/// `psql` running `sql` on the database at `db`, over the same socket.
pub fn psql_command(db: &Path, sql: &Path) -> Command {
    let mut command = Command::new(PSQL);
    command
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f"])
        .arg(sql)
        .arg(db);
    command
}
