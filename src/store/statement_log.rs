//! A hidden record of every statement a connection runs, with its bound
//! values written in, when `PCSO_TRACKER_SQL_LOG` names a file: how the
//! benchmark gives the `sqlite3` shell exactly the statements a command ran,
//! so the shell's time on the same file is a fair floor.

use super::{StoreError, sqlite_error};
use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Names the file each statement is appended to, one per line, ending `;`.
pub const SQL_LOG_ENV: &str = "PCSO_TRACKER_SQL_LOG";

/// Starts the record when the environment asks for it.
pub(super) fn log_statements_if_asked(
    connection: &mut Connection,
    path: &Path,
) -> Result<(), StoreError> {
    let Some(log) = std::env::var_os(SQL_LOG_ENV) else {
        return Ok(());
    };
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .map_err(|source| StoreError::StatementLog {
            path: Path::new(&log).to_path_buf(),
            source,
        })?;
    let mut out = BufWriter::new(file);
    // Statements started by triggers are reported as `-- name`: the
    // statement that fired them is already recorded.
    let record = move |event: TraceEvent<'_>| match event {
        TraceEvent::Stmt(statement, text) if !text.starts_with("--") => {
            let sql = statement.expanded_sql().unwrap_or_else(|| text.to_string());
            // A failed write only loses the record, never the command.
            let _ = writeln!(out, "{};", sql.trim().trim_end_matches(';'));
        }
        TraceEvent::Close(_) => {
            let _ = out.flush();
        }
        _ => {}
    };
    connection
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT | TraceEventCodes::SQLITE_TRACE_CLOSE,
            Some(record),
        )
        .map_err(sqlite_error(path, "recording statements"))
}
