//! Reading a PIN: hidden at the terminal, or a line of standard input when
//! a script pipes it. Never from the command line or the environment, where
//! other users and shell history would see it.

use super::CommandError;
use std::io::{self, BufRead, IsTerminal};

/// The PIN typed after `prompt` (shown only at a terminal), for `name`.
pub fn read_pin(prompt: &str, name: &str) -> Result<String, CommandError> {
    let unreadable =
        |e: io::Error| CommandError::Refused(format!("cannot read the PIN for {name}: {e}"));
    if io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt).map_err(unreadable);
    }
    let mut line = String::new();
    let read = io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(unreadable)?;
    if read == 0 {
        return Err(CommandError::Refused(format!(
            "{name} has a PIN: type it at the terminal, or give it as a line of standard input"
        )));
    }
    Ok(line
        .strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(&line)
        .to_string())
}
