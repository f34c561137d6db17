//! `copy --from --to`: a whole database into a new or empty one, with its
//! attached files when it has any. Both ends then need a folder for them:
//! a file database has its own; a server, the one `PCSO_TRACKER_FILES`
//! names. Without one the copy is refused before anything is written,
//! rather than leaving a copy whose evidence names files it does not have.

use super::CommandError;
use crate::domain::counted;
use crate::store::{FilesCopied, Location, Store, StoreError};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(from: &Path, to: &Path, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let source = Location::resolve(Some(from))?;
    // Opening a file that is not there would create an empty one.
    if matches!(source, Location::Named(_)) && !from.exists() {
        return Err(StoreError::CopySourceMissing {
            path: from.to_path_buf(),
        }
        .into());
    }
    let source = source.open()?;
    let mut target = Location::resolve(Some(to))?.open()?;
    let files = source.attached_file_count()?;
    if files > 0 {
        source.files_folder()?;
        if target.files_folder().is_err() {
            return Err(StoreError::CopyFilesFolderUnset {
                path: target.path().to_path_buf(),
                files,
            }
            .into());
        }
    }
    let copied = source.copy_to(&mut target)?;
    writeln!(
        out,
        "copied {} to {}:",
        source.path().display(),
        target.path().display()
    )?;
    write!(out, "{copied}")?;
    let done = match target.files_folder() {
        Ok(folder) if files > 0 => source.copy_files(folder)?,
        _ => FilesCopied::default(),
    };
    let folder = target
        .files_folder()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(say_files_copied(&source, &done, &folder, out)?)
}

/// What copying the attached files did; exit 1 naming each file that was
/// not copied.
pub(super) fn say_files_copied(
    source: &Store,
    done: &FilesCopied,
    folder: &Path,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    if done.same_folder {
        writeln!(
            out,
            "attached files: already in {}, the folder both share",
            folder.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if *done == FilesCopied::default() {
        writeln!(out, "no attached files to copy")?;
        return Ok(ExitCode::SUCCESS);
    }
    let files = counted(done.copied, "attached file", "attached files");
    if done.copied > 0 {
        writeln!(
            out,
            "copied {files} to {}, each read back matching its SHA-256",
            folder.display()
        )?;
    }
    if done.problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &done.problems {
        let named = problem
            .used_by
            .as_deref()
            .map(|by| format!(" ({by})"))
            .unwrap_or_default();
        writeln!(
            out,
            "NOT COPIED {}{named}: {}",
            problem.sha256, problem.problem
        )?;
    }
    let missed = counted(done.problems.len(), "attached file", "attached files");
    writeln!(
        out,
        "{missed} could not be copied from {}; `verify` there names them too",
        source
            .files_folder()
            .map_or_else(|_| "the database".to_string(), |f| f.display().to_string())
    )?;
    Ok(ExitCode::from(1))
}
