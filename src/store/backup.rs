//! A consistent copy of the live database, safe while another program
//! writes: `VACUUM INTO` reads one snapshot and writes a compact new file.
//! The copy is written under a temporary name in the target's folder and
//! given the target's name only once it is complete and on disk, so a
//! backup interrupted part-way never leaves a partial file (or a journal
//! that could later turn it into an empty database) at the target.
//! The folder of attached files is copied beside it (`PATH.files`), each
//! file checked against its hash (`file_copy`).

use super::attachments::folder_beside;
use super::{FilesCopied, Store, StoreError, sqlite_error};
use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// What a server refuses, and what to use there instead.
const BACKUP: &str = "`backup` (on a server, use pg_dump)";

impl Store {
    /// Copies the database to `target`, a new file readable by its owner
    /// only, and its attached files to the folder beside it.
    pub fn backup(&self, target: &Path) -> Result<FilesCopied, StoreError> {
        self.sqlite(BACKUP)?;
        refuse_existing(target)?;
        let files = folder_beside(target);
        if files.symlink_metadata().is_ok() {
            return Err(StoreError::BackupFilesExist { path: files });
        }
        self.backup_database(target)?;
        self.copy_files(&files)
    }

    fn backup_database(&self, target: &Path) -> Result<(), StoreError> {
        let partial = partial_name(target);
        // Created empty first so the copy is private from its first byte.
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&partial)
            .map_err(target_error(target))?;
        let result = self.copy_into(&partial).and_then(|()| {
            sync(&partial)
                .and_then(|()| publish(&partial, target))
                .map_err(write_error(target))
        });
        if result.is_err() {
            remove_partial(&partial);
        }
        result
    }

    fn copy_into(&self, partial: &Path) -> Result<(), StoreError> {
        let name = partial.to_string_lossy();
        self.sqlite(BACKUP)?
            .execute("VACUUM INTO ?1", [name.as_ref()])
            .map(|_| ())
            .map_err(sqlite_error(&self.path, "writing the backup"))
    }
}

/// A backup never replaces a file.
fn refuse_existing(target: &Path) -> Result<(), StoreError> {
    if target.is_dir() {
        return Err(StoreError::IsDirectory {
            path: target.to_path_buf(),
        });
    }
    if target.symlink_metadata().is_ok() {
        return Err(target_error(target)(io::ErrorKind::AlreadyExists.into()));
    }
    Ok(())
}

/// A hidden name beside the target, unique to this process.
fn partial_name(target: &Path) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

fn sync(path: &Path) -> io::Result<()> {
    File::open(path)?.sync_all()
}

/// Gives the complete copy its name without replacing anything there, and
/// makes the new name itself durable.
fn publish(partial: &Path, target: &Path) -> io::Result<()> {
    match std::fs::hard_link(partial, target) {
        Ok(()) => std::fs::remove_file(partial)?,
        // A file system without hard links: the check above has to do.
        Err(error) if error.kind() != io::ErrorKind::AlreadyExists => {
            std::fs::rename(partial, target)?
        }
        Err(error) => return Err(error),
    }
    match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => sync(folder),
        _ => sync(Path::new(".")),
    }
}

fn remove_partial(partial: &Path) {
    let mut journal = partial.as_os_str().to_owned();
    journal.push("-journal");
    let _ = std::fs::remove_file(journal);
    let _ = std::fs::remove_file(partial);
}

fn target_error(target: &Path) -> impl FnOnce(io::Error) -> StoreError {
    let path = target.to_path_buf();
    move |source| StoreError::BackupTarget { path, source }
}

fn write_error(target: &Path) -> impl FnOnce(io::Error) -> StoreError {
    let path = target.to_path_buf();
    move |source| StoreError::BackupWrite { path, source }
}
