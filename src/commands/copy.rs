//! `copy --from --to`: a whole database into a new or empty one.

use super::CommandError;
use crate::store::{Location, StoreError};
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
    let copied = source.copy_to(&mut target)?;
    writeln!(
        out,
        "copied {} to {}:",
        source.path().display(),
        target.path().display()
    )?;
    write!(out, "{copied}")?;
    Ok(ExitCode::SUCCESS)
}
