//! Where the PostgreSQL server programs are, and as whom they run: the
//! server refuses to run as root, so a root process runs them as an
//! unprivileged account.

use super::ClusterError;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The server programs' folder: `pg_config --bindir`, else the newest of
/// Debian's `/usr/lib/postgresql/VERSION/bin`. None when no `initdb` is found.
pub fn find_bindir() -> Option<PathBuf> {
    pg_config_bindir()
        .filter(|dir| has_server(dir))
        .or_else(debian_bindir)
}

fn has_server(dir: &Path) -> bool {
    ["initdb", "pg_ctl", "postgres"]
        .iter()
        .all(|program| dir.join(program).is_file())
}

fn pg_config_bindir() -> Option<PathBuf> {
    let output = Command::new("pg_config").arg("--bindir").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    output.status.success().then(|| PathBuf::from(text.trim()))
}

fn debian_bindir() -> Option<PathBuf> {
    let versions = std::fs::read_dir("/usr/lib/postgresql").ok()?;
    versions
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_server(dir))
        .max_by_key(|(version, _)| *version)
        .map(|(_, dir)| dir)
}

/// Runs the server's programs as the current user, or, for root, as the
/// `postgres` account Debian's package creates (else `nobody`).
#[derive(Debug, Clone, Copy)]
pub struct Runner {
    ids: Option<(u32, u32)>,
}

/// Accounts a root process may hand the server to, in order of preference.
const UNPRIVILEGED: [&str; 2] = ["postgres", "nobody"];

impl Runner {
    pub fn for_current_user() -> Result<Runner, ClusterError> {
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return Ok(Runner { ids: None });
        }
        UNPRIVILEGED
            .iter()
            .find_map(|name| account_ids(name))
            .map(|ids| Runner { ids: Some(ids) })
            .ok_or(ClusterError::NoUnprivilegedAccount)
    }

    /// A command for `program` run as this runner, in `folder`, so that
    /// nothing depends on whether it can read the caller's folder.
    pub fn command(&self, program: &Path, folder: &Path) -> Command {
        let mut command = Command::new(program);
        command.current_dir(folder).env("LC_ALL", "C");
        if let Some((uid, gid)) = self.ids {
            command.uid(uid).gid(gid);
        }
        command
    }

    /// Hands a folder made by the caller to the account the server runs as.
    pub fn own(&self, folder: &Path) -> std::io::Result<()> {
        match self.ids {
            Some((uid, gid)) => std::os::unix::fs::chown(folder, Some(uid), Some(gid)),
            None => Ok(()),
        }
    }
}

/// The user and group ids of an account, read with `id` so that every
/// account source the system knows is used.
fn account_ids(name: &str) -> Option<(u32, u32)> {
    let id = |flag: &str| -> Option<u32> {
        let output = Command::new("id").arg(flag).arg(name).output().ok()?;
        if !output.status.success() {
            return None;
        }
        String::from_utf8(output.stdout).ok()?.trim().parse().ok()
    };
    Some((id("-u")?, id("-g")?))
}
