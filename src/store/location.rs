//! Where the database lives: `--db`, else `PCSO_TRACKER_DB`, else the
//! platform data folder (`~/.local/share/pcso-tracker/tracker.db` on Linux).

use super::StoreError;
use directories::ProjectDirs;
use std::path::{Path, PathBuf};

/// The environment variable that names the database when `--db` is not given.
pub const DATABASE_ENV: &str = "PCSO_TRACKER_DB";

/// Resolves the database path; the caller creates nothing yet.
pub fn database_path(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(path) = flag {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(DATABASE_ENV).filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs = ProjectDirs::from("", "", "pcso-tracker").ok_or(StoreError::NoDataFolder)?;
    Ok(dirs.data_dir().join("tracker.db"))
}
