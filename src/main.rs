//! Entry point: parse the command line and hand over to the library.

use clap::Parser;
use pcso_tracker::cli::Cli;
use pcso_tracker::commands::{self, CommandError};
use pcso_tracker::domain::visible_lines;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    // Standard output flushes at every line; a listing of thousands of
    // people would cost a write each. Buffered, it costs a few.
    let mut out = BufWriter::new(io::stdout().lock());
    let result = commands::run(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        // A reader that stopped early (`| head`) is not an error.
        Err(CommandError::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            // What was printed before the failure comes out before the
            // message; a reader that has gone away cannot be told either.
            let _ = out.flush();
            // Messages may quote stored text: never let it drive the terminal.
            eprintln!("{}", visible_lines(&error.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// `--help` and `--version` succeed; a command line clap refuses is refused
/// input like any other, exit 1.
fn usage(error: &clap::Error) -> ExitCode {
    // Printing to a closed stream is not worth a panic.
    let _ = error.print();
    if error.use_stderr() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
