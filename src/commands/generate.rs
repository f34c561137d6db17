//! Shell completions and the manual page, generated from the command
//! line's own definition so that they never disagree with it.

use super::CommandError;
use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

/// The completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    // Generated in memory, where writing cannot fail: the generator panics
    // on a failed write, and a reader that stops early (`| head`) is no error.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// The manual page, in roff.
pub fn man(out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitCode::SUCCESS)
}
