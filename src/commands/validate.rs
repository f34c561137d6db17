//! `validate FILE...`: check framework files and report every problem.

use super::CommandError;
use crate::domain::counted;
use crate::framework::load_file;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints `ok: FILE (...)` per valid file and each problem of the others;
/// fails when any file has a problem.
pub fn run(files: &[PathBuf], out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let mut all_valid = true;
    for file in files {
        match load_file(file) {
            Ok(framework) => writeln!(
                out,
                "ok: {} ({}, {}, {})",
                file.display(),
                counted(framework.outcomes.len(), "outcome", "outcomes"),
                counted(framework.requirements.len(), "requirement", "requirements"),
                counted(
                    framework.assessment_methods.len(),
                    "assessment method",
                    "assessment methods"
                )
            )?,
            Err(error) => {
                all_valid = false;
                for line in error.lines() {
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
