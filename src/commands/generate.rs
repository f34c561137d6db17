//! Shell completions and the manual page, generated from the command
//! line's own definition so that they never disagree with it.

use super::CommandError;
use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::path::Path;
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

/// The manual page of the program, or of the command `path` names
/// (`["checkin", "show"]`), in roff.
pub fn man(path: &[String], out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    let mut command = built();
    for (depth, name) in path.iter().enumerate() {
        let Some(found) = command.find_subcommand(name).cloned() else {
            let known: Vec<String> = command
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .map(|c| c.get_name().to_string())
                .collect();
            let within = match depth {
                0 => String::new(),
                _ => format!(" of `{}`", path[..depth].join(" ")),
            };
            return Err(CommandError::Refused(format!(
                "no command `{name}`{within}; the commands are {}",
                known.join(", ")
            )));
        };
        command = found;
    }
    clap_mangen::Man::new(command).render(out)?;
    Ok(ExitCode::SUCCESS)
}

/// Every manual page, the program's and each command's, written into `dir`
/// (made when missing) as `pcso-tracker-checkin-show.1` and so on.
pub fn man_pages(dir: &Path, out: &mut dyn Write) -> Result<ExitCode, CommandError> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(Cli::command(), dir)?;
    let count = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".1"))
        .count();
    writeln!(out, "wrote {count} manual pages to {}", dir.display())?;
    Ok(ExitCode::SUCCESS)
}

/// The command line's definition, built: each command knows its full name
/// (`pcso-tracker-checkin`), as the pages refer to each other.
fn built() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}
