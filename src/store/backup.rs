//! A consistent copy of the live database, safe while another program
//! writes: `VACUUM INTO` reads one snapshot and writes a compact new file.

use super::{Store, StoreError, sqlite_error};
use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

impl Store {
    /// Copies the database to `target`, a new file readable by its owner only.
    pub fn backup(&self, target: &Path) -> Result<(), StoreError> {
        if target.is_dir() {
            return Err(StoreError::IsDirectory {
                path: target.to_path_buf(),
            });
        }
        // Created empty first so the copy is private from its first byte.
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(target)
            .map_err(|source| StoreError::BackupTarget {
                path: target.to_path_buf(),
                source,
            })?;
        let target_text = target.to_string_lossy();
        let result = self
            .connection
            .execute("VACUUM INTO ?1", [target_text.as_ref()]);
        if let Err(error) = result {
            // Leave no half-written copy that could be mistaken for a backup.
            let _ = std::fs::remove_file(target);
            return Err(sqlite_error(&self.path, "writing the backup")(error));
        }
        Ok(())
    }
}
