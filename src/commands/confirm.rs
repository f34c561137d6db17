//! Asking before something is deleted: at a terminal the user answers;
//! elsewhere (a script, a pipe) only `--yes` deletes, so nothing goes by
//! accident.

use super::CommandError;
use std::io::{self, BufRead, IsTerminal, Write};

/// Whether to go ahead with `what` (e.g. "delete hours entry 3"): yes with
/// `--yes`, else as answered at the terminal; refused without a terminal.
pub fn confirmed(what: &str, yes: bool) -> Result<bool, CommandError> {
    if yes {
        return Ok(true);
    }
    if !io::stdin().is_terminal() {
        return Err(CommandError::Refused(format!(
            "not at a terminal, so nobody can be asked: add --yes to {what}"
        )));
    }
    let mut err = io::stderr();
    write!(err, "{what}? [y/N] ")?;
    err.flush()?;
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    Ok(is_yes(&answer))
}

fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}

#[cfg(test)]
mod tests {
    use super::is_yes;

    #[test]
    fn only_a_yes_deletes() {
        assert!(is_yes("y\n") && is_yes(" Yes "));
        assert!(!is_yes("\n") && !is_yes("n") && !is_yes("yess"));
    }
}
