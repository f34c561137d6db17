//! Which files an open connection writes through. SQLite keeps its database
//! and write-ahead log open by descriptor: if either is deleted or replaced
//! by name (a sync tool, a restore, a careless `rm`), its commits go to a
//! file no one else will ever read, and are lost with no error. So a write
//! first checks that the names still lead to the files opened.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A file's identity on its device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Identity {
            device: meta.dev(),
            inode: meta.ino(),
        })
    }
}

/// The database file and its log as they were when opened.
#[derive(Debug, Clone)]
pub struct OpenFiles {
    database: Option<Identity>,
    log: Option<Identity>,
}

impl OpenFiles {
    pub fn record(path: &Path) -> OpenFiles {
        OpenFiles {
            database: Identity::of(path),
            log: Identity::of(&log_path(path)),
        }
    }

    /// True while both names still lead to the files that were opened.
    pub fn unchanged(&self, path: &Path) -> bool {
        let now = OpenFiles::record(path);
        self.database.is_some() && now.database == self.database && now.log == self.log
    }
}

/// The write-ahead log SQLite keeps beside the database.
pub(super) fn log_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}
