//! Where the database lives: `--db`, else `PCSO_TRACKER_DB`, else the
//! platform data folder (`~/.local/share/pcso-tracker/tracker.db` on Linux).
//! A `postgresql://` (or `postgres://`) URL names a shared database on a
//! server; anything else is an SQLite file. Only the default location's
//! folders are created: a path the user typed must name a file in a folder
//! that exists, so a typing mistake is refused instead of becoming a new,
//! empty database. Attached files are kept beside an SQLite file, or for a
//! server in the folder `PCSO_TRACKER_FILES` names (`attachments`).

use super::{Store, StoreError};
use directories::ProjectDirs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// The environment variable that names the database when `--db` is not given.
pub const DATABASE_ENV: &str = "PCSO_TRACKER_DB";

/// A database path, and whether the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Named with `--db` or `PCSO_TRACKER_DB`.
    Named(PathBuf),
    /// The user's data folder, made on first use.
    Default(PathBuf),
    /// A PostgreSQL server's database, by URL.
    Server(String),
}

/// Whether `name` is a PostgreSQL URL rather than a file.
pub fn is_server_url(name: &str) -> bool {
    name.starts_with("postgresql://") || name.starts_with("postgres://")
}

impl Location {
    /// Resolves the location; nothing is created yet.
    pub fn resolve(flag: Option<&Path>) -> Result<Location, StoreError> {
        if let Some(path) = flag {
            return named(path, "--db");
        }
        if let Some(value) = std::env::var_os(DATABASE_ENV) {
            return named(Path::new(&value), DATABASE_ENV);
        }
        let dirs = ProjectDirs::from("", "", "pcso-tracker").ok_or(StoreError::NoDataFolder)?;
        Ok(Location::Default(dirs.data_dir().join("tracker.db")))
    }

    /// The file, or the URL as given.
    pub fn path(&self) -> &Path {
        match self {
            Location::Named(path) | Location::Default(path) => path,
            Location::Server(url) => Path::new(url),
        }
    }

    /// Opens the database, first making the default location's folders.
    pub fn open(&self) -> Result<Store, StoreError> {
        match self {
            Location::Default(path) => {
                create_folders(path)?;
                Store::open(path)
            }
            Location::Named(path) => Store::open(path),
            Location::Server(url) => {
                let mut store = Store::open_url(url)?;
                if let Some(folder) = files_from_environment() {
                    store.set_files_folder(folder);
                }
                Ok(store)
            }
        }
    }
}

/// A server's folder of attached files, as `PCSO_TRACKER_FILES` names it
/// (an SQLite database keeps its own beside its file).
fn files_from_environment() -> Option<PathBuf> {
    std::env::var_os(super::FILES_ENV)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// A set but empty name is a mistake, not a request for the default.
fn named(path: &Path, setting: &'static str) -> Result<Location, StoreError> {
    if path.as_os_str().is_empty() {
        return Err(StoreError::EmptyName { setting });
    }
    match path.to_str() {
        Some(url) if is_server_url(url) => Ok(Location::Server(url.to_string())),
        _ => Ok(Location::Named(path.to_path_buf())),
    }
}

fn create_folders(path: &Path) -> Result<(), StoreError> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.exists() => {
            // The folder holds personal data too: its owner only.
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(parent)
                .map_err(|source| StoreError::CreateFolder {
                    path: parent.to_path_buf(),
                    source,
                })
        }
        _ => Ok(()),
    }
}
