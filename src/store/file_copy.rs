//! Copying a database's attached files to another folder, for `backup`
//! and `copy`: every file its evidence names and every file its folder
//! keeps under a hash (a replaced or deleted attachment stays in history,
//! so its file is kept too). Each file is checked against its hash as it is
//! read, written under a temporary name, renamed once on disk and read
//! back against its hash; a file that is missing or no longer matches is
//! named, never copied and never silently skipped.

use super::attachments::{make_folder, partial_file};
use super::{Store, StoreError, copy_hashed, hash_of};
use crate::domain::is_sha256;
use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::path::Path;

/// What copying the attached files did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FilesCopied {
    /// Files copied and read back matching their hash.
    pub copied: usize,
    /// Files that could not be copied, and why.
    pub problems: Vec<FileCopyProblem>,
    /// The target folder is the source's own: every file is already there.
    pub same_folder: bool,
}

/// An attached file that was not copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCopyProblem {
    pub sha256: String,
    /// The evidence that names it ("evidence 3 \"notes.txt\""), if any.
    pub used_by: Option<String>,
    pub problem: String,
}

impl Store {
    /// How many files `copy_files` would copy: those the evidence names
    /// and those kept in the folder. Needs no folder when there are none.
    pub fn attached_file_count(&self) -> Result<usize, StoreError> {
        Ok(self.files_to_copy()?.len())
    }

    /// Copies every attached file into `target` (made private to its
    /// owner if new), each checked against its hash before and after.
    pub fn copy_files(&self, target: &Path) -> Result<FilesCopied, StoreError> {
        let files = self.files_to_copy()?;
        if files.is_empty() {
            return Ok(FilesCopied::default());
        }
        let source = self.files_folder()?;
        if same_folder(source, target) {
            return Ok(FilesCopied {
                same_folder: true,
                ..FilesCopied::default()
            });
        }
        let write_error = |source| StoreError::AttachWrite {
            folder: target.to_path_buf(),
            source,
        };
        make_folder(target).map_err(write_error)?;
        let mut done = FilesCopied::default();
        for (sha256, used_by) in files {
            match copy_one(source, target, &sha256) {
                Ok(()) => done.copied += 1,
                Err(problem) => done.problems.push(FileCopyProblem {
                    sha256,
                    used_by,
                    problem,
                }),
            }
        }
        File::open(target)
            .and_then(|folder| folder.sync_all())
            .map_err(write_error)?;
        Ok(done)
    }

    /// Every hash to copy, with the evidence naming it if any.
    fn files_to_copy(&self) -> Result<BTreeMap<String, Option<String>>, StoreError> {
        let named: Vec<(String, i64, Option<String>)> =
            self.read("reading attached files", |c| {
                c.query(
                    "SELECT file_sha256, id, file_name FROM evidence
                     WHERE file_sha256 IS NOT NULL ORDER BY id",
                    &[],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
            })?;
        let mut files = BTreeMap::new();
        for (sha256, id, name) in named {
            let used_by = format!("evidence {id} \"{}\"", name.unwrap_or_default());
            files.entry(sha256).or_insert(Some(used_by));
        }
        if let Some(folder) = self.files.as_deref() {
            for sha256 in kept_in(folder)? {
                files.entry(sha256).or_insert(None);
            }
        }
        Ok(files)
    }
}

/// The hashes a folder keeps files under; none when there is no folder.
fn kept_in(folder: &Path) -> Result<Vec<String>, StoreError> {
    let read_error = |source| StoreError::AttachRead {
        path: folder.to_path_buf(),
        source,
    };
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(read_error(e)),
    };
    let mut hashes = Vec::new();
    for entry in entries {
        let name = entry.map_err(read_error)?.file_name();
        // Temporary files of a copy under way have other names.
        if let Some(name) = name.to_str().filter(|name| is_sha256(name)) {
            hashes.push(name.to_string());
        }
    }
    Ok(hashes)
}

/// Whether two paths name the same folder (as on two databases of one
/// server sharing `PCSO_TRACKER_FILES`).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Copies one file, checked against its hash as read and as written.
fn copy_one(source: &Path, target: &Path, sha256: &str) -> Result<(), String> {
    if !is_sha256(sha256) {
        return Err(format!("the recorded hash `{sha256}` is not a SHA-256"));
    }
    let from = source.join(sha256);
    let mut input = match File::open(&from) {
        Ok(input) => input,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(format!("the file is missing ({})", from.display()));
        }
        Err(e) => return Err(format!("cannot read {}: {e}", from.display())),
    };
    let (partial, mut output) =
        partial_file(target).map_err(|e| format!("cannot write in {}: {e}", target.display()))?;
    let written = write_checked(&mut input, &mut output, &from, sha256).and_then(|()| {
        let to = target.join(sha256);
        output
            .sync_all()
            .and_then(|()| std::fs::rename(&partial, &to))
            .map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        read_back(&to, sha256).inspect_err(|_| {
            let _ = std::fs::remove_file(&to);
        })
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// Copies `input` to `output`, refusing content that is not `sha256`.
fn write_checked(
    input: &mut File,
    output: &mut File,
    from: &Path,
    sha256: &str,
) -> Result<(), String> {
    let (found, size) =
        copy_hashed(input, output).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    if found != sha256 {
        return Err(format!(
            "the file has changed ({}): it holds {size} bytes with SHA-256 {found}",
            from.display()
        ));
    }
    Ok(())
}

/// Reads the copy back: it must hold what its name says.
fn read_back(copy: &Path, sha256: &str) -> Result<(), String> {
    let found = File::open(copy)
        .and_then(|mut copy| hash_of(&mut copy))
        .map_err(|e| format!("cannot read back {}: {e}", copy.display()))?;
    if found.0 != sha256 {
        return Err(format!(
            "the copy {} does not match its hash (SHA-256 {})",
            copy.display(),
            found.0
        ));
    }
    Ok(())
}
