//! Files attached to evidence, kept outside the database in one folder,
//! each under its SHA-256 (lower-case hex): the same content is kept once,
//! and `verify` can tell a file changed or gone. For an SQLite database the
//! folder is beside its file (`tracker.db` keeps `tracker.db.files/`); a
//! server has no file, so the folder is the one `PCSO_TRACKER_FILES` names,
//! shared by everyone using that database. The folder and its files are
//! private to their owner. A file is copied under a temporary name in the
//! same folder and renamed once complete and on disk, so a crash never
//! leaves half a file under a hash. Files are read and hashed a buffer at
//! a time, never whole.

use super::change::Change;
use super::db::{DbResult, Row};
use super::history::{ChangeKind, RecordKey};
use super::{Store, StoreError};
use crate::domain::{Attachment, EnrolmentId, attachment_name, is_sha256};
use sha2::{Digest, Sha256};
use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The environment variable naming a server's folder of attached files.
pub const FILES_ENV: &str = "PCSO_TRACKER_FILES";

/// How much of a file is read at a time.
const BUFFER: usize = 64 * 1024;

/// Temporary names taken by this process, so two copies at once differ.
static PARTIALS: AtomicU64 = AtomicU64::new(0);

/// The folder kept beside an SQLite database file.
pub fn folder_beside(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".files");
    PathBuf::from(name)
}

/// An attached file that does not match its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub evidence_id: i64,
    pub person: String,
    /// The file's name as recorded.
    pub name: String,
    pub problem: String,
}

impl Store {
    /// Keeps attached files in `folder`: how a server's folder is given.
    pub fn set_files_folder(&mut self, folder: PathBuf) {
        self.files = Some(folder);
    }

    /// Where attached files are kept; on a server without
    /// `PCSO_TRACKER_FILES`, a refusal saying to set it.
    pub fn files_folder(&self) -> Result<&Path, StoreError> {
        self.files
            .as_deref()
            .ok_or_else(|| StoreError::FilesFolderUnset {
                path: self.path.clone(),
            })
    }

    /// Copies `source` into the folder under its hash; what to record of it.
    pub fn keep_file(&self, source: &Path) -> Result<Attachment, StoreError> {
        let folder = self.files_folder()?;
        let read_error = |source_error| StoreError::AttachRead {
            path: source.to_path_buf(),
            source: source_error,
        };
        let mut input = File::open(source).map_err(read_error)?;
        if !input.metadata().map_err(read_error)?.is_file() {
            return Err(read_error(io::Error::other("not a regular file")));
        }
        let write_error = |source_error| StoreError::AttachWrite {
            folder: folder.to_path_buf(),
            source: source_error,
        };
        make_folder(folder).map_err(write_error)?;
        let (partial, mut output) = partial_file(folder).map_err(write_error)?;
        let copied = copy_hashing(&mut input, &mut output);
        let kept = match copied {
            Ok(kept) => kept,
            Err(Copy::Read(e)) => return Err(abandon(&partial, read_error(e))),
            Err(Copy::Write(e)) => return Err(abandon(&partial, write_error(e))),
        };
        let published = output
            .sync_all()
            .and_then(|()| std::fs::rename(&partial, folder.join(&kept.0)))
            .and_then(|()| File::open(folder)?.sync_all());
        published.map_err(|e| abandon(&partial, write_error(e)))?;
        let name = source
            .file_name()
            .map(|name| name.to_string_lossy())
            .unwrap_or_default();
        Ok(Attachment {
            name: attachment_name(&name),
            size: kept.1,
            sha256: kept.0,
        })
    }

    /// The kept file with this hash (which may be missing or changed:
    /// `verify_files` says).
    pub fn kept_file(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        Ok(self.files_folder()?.join(sha256))
    }

    /// The files attached to an enrolment's evidence (deleted evidence
    /// left out), by evidence id.
    pub fn attachments(
        &self,
        enrolment: EnrolmentId,
    ) -> Result<Vec<(i64, Attachment)>, StoreError> {
        self.read("reading attached files", |c| {
            c.query(
                "SELECT id, file_name, file_size, file_sha256 FROM evidence
                 WHERE enrolment_id = ?1 AND deleted_at IS NULL AND file_sha256 IS NOT NULL
                 ORDER BY id",
                &[&enrolment],
                |row| Ok((row.get(0)?, attachment_from(row, 1)?)),
            )
        })
    }

    /// Checks every attached file against its hash, reading each a buffer
    /// at a time; the problems found and how many files were checked.
    pub fn verify_files(&self) -> Result<(Vec<FileProblem>, usize), StoreError> {
        let attached: Vec<(i64, String, Attachment)> =
            self.read("reading attached files", |c| {
                c.query(
                    "SELECT e.id, p.name, e.file_name, e.file_size, e.file_sha256
                 FROM evidence e JOIN enrolment n ON n.id = e.enrolment_id
                 JOIN person p ON p.id = n.person_id
                 WHERE e.file_sha256 IS NOT NULL ORDER BY e.id",
                    &[],
                    |row| Ok((row.get(0)?, row.get(1)?, attachment_from(row, 2)?)),
                )
            })?;
        if attached.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let folder = self.files_folder()?;
        let problems = attached
            .iter()
            .filter_map(|(id, person, file)| {
                Some(FileProblem {
                    evidence_id: *id,
                    person: person.clone(),
                    name: file.name.clone(),
                    problem: file_problem(folder, file)?,
                })
            })
            .collect();
        Ok((problems, attached.len()))
    }
}

impl Change<'_> {
    /// Records `file` as attached to evidence `id`, replacing any before.
    pub fn attach_file(&self, id: i64, file: &Attachment) -> Result<(), StoreError> {
        self.run("attaching a file", |c| {
            let before: [Option<String>; 3] = c.query_row(
                "SELECT file_name, CAST(file_size AS TEXT), file_sha256 FROM evidence WHERE id = ?1",
                &[&id],
                |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?]),
            )?;
            let size = i64::try_from(file.size).unwrap_or(i64::MAX);
            c.execute(
                "UPDATE evidence SET file_name = ?2, file_size = ?3, file_sha256 = ?4 WHERE id = ?1",
                &[&id, &file.name, &size, &file.sha256],
            )?;
            let [name, old_size, sha256] = before;
            let fields = [
                ("file_name", name, Some(file.name.clone())),
                ("file_size", old_size, Some(file.size.to_string())),
                ("file_sha256", sha256, Some(file.sha256.clone())),
            ];
            self.history(ChangeKind::Update, &RecordKey::Evidence(id), &fields)
        })
    }
}

fn attachment_from(row: &Row, first: usize) -> DbResult<Attachment> {
    let size: i64 = row.get(first + 1)?;
    Ok(Attachment {
        name: row.get(first)?,
        size: u64::try_from(size).unwrap_or_default(),
        sha256: row.get(first + 2)?,
    })
}

/// What is wrong with a kept file, if anything.
fn file_problem(folder: &Path, file: &Attachment) -> Option<String> {
    if !is_sha256(&file.sha256) {
        return Some(format!(
            "the recorded hash `{}` is not a SHA-256",
            file.sha256
        ));
    }
    let path = folder.join(&file.sha256);
    let mut kept = match File::open(&path) {
        Ok(kept) => kept,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Some(format!("the file is missing ({})", path.display()));
        }
        Err(e) => return Some(format!("the file cannot be read ({}): {e}", path.display())),
    };
    match hash_of(&mut kept) {
        Ok((sha256, size)) if sha256 == file.sha256 && size == file.size => None,
        Ok((sha256, size)) => Some(format!(
            "the file has changed ({}): it holds {size} bytes with SHA-256 {sha256}, not {} bytes with {}",
            path.display(),
            file.size,
            file.sha256
        )),
        Err(e) => Some(format!("the file cannot be read ({}): {e}", path.display())),
    }
}

/// The SHA-256 (lower-case hex) and length of everything `input` holds.
pub fn hash_of(input: &mut impl Read) -> io::Result<(String, u64)> {
    copy_hashed(input, &mut io::sink())
}

/// Copies `input` to `output` a buffer at a time; the SHA-256 (lower-case
/// hex) and length of what was copied.
pub fn copy_hashed(input: &mut impl Read, output: &mut impl Write) -> io::Result<(String, u64)> {
    match copy_hashing(input, output) {
        Ok(copied) => Ok(copied),
        Err(Copy::Read(e) | Copy::Write(e)) => Err(e),
    }
}

/// Which side of a copy failed.
enum Copy {
    Read(io::Error),
    Write(io::Error),
}

/// Copies `input` to `output` a buffer at a time, hashing as it goes.
fn copy_hashing(input: &mut impl Read, output: &mut impl Write) -> Result<(String, u64), Copy> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; BUFFER];
    let mut size = 0u64;
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Copy::Read(e)),
        };
        let chunk = &buffer[..read];
        hasher.update(chunk);
        output.write_all(chunk).map_err(Copy::Write)?;
        size += read as u64;
    }
    let hex = hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Ok((hex, size))
}

/// The folder, made private to its owner if it is new.
pub(super) fn make_folder(folder: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o700).create(folder)
}

/// A new file, private from its first byte, under a name no kept file has.
pub(super) fn partial_file(folder: &Path) -> io::Result<(PathBuf, File)> {
    let taken = PARTIALS.fetch_add(1, Ordering::Relaxed);
    let path = folder.join(format!(".partial-{}-{taken}", std::process::id()));
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)?;
    Ok((path, file))
}

/// Removes a copy that did not complete, passing on why.
fn abandon(partial: &Path, error: StoreError) -> StoreError {
    let _ = std::fs::remove_file(partial);
    error
}
