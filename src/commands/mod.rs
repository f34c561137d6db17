//! Carries out what the command line asks, writing results to `out`.

mod standard_show;
mod validate;

use crate::cli::{Cli, Command, StandardCommand};
use crate::framework::{Framework, FrameworkError, default_framework, load_file};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use thiserror::Error;

pub use standard_show::render_summary;

/// Why a command could not finish.
#[derive(Debug, Error)]
pub enum CommandError {
    #[error(transparent)]
    Framework(#[from] FrameworkError),
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
}

/// Runs the parsed command line; the exit code says whether it succeeded.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    match cli.command {
        None => {
            let mut command = <Cli as clap::CommandFactory>::command();
            write!(out, "{}", command.render_help())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Validate { files }) => validate::run(&files, out),
        Some(Command::Standard {
            command: StandardCommand::Show { file },
        }) => {
            let file = file.or(cli.standard);
            let (framework, source) = active_framework(file.as_deref())?;
            out.write_all(render_summary(&framework, &source).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The framework named on the command line, else the bundled default, with
/// a label saying where it came from.
pub fn active_framework(file: Option<&Path>) -> Result<(Framework, String), FrameworkError> {
    match file {
        Some(path) => Ok((load_file(path)?, path.display().to_string())),
        None => {
            let bundled = default_framework();
            Ok((bundled.load()?, bundled.label()))
        }
    }
}
