//! Reading a PIN: hidden at the terminal, or a line of standard input when
//! a script pipes it. Never from the command line or the environment, where
//! other users and shell history would see it.

use super::CommandError;
use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Write};
use std::os::fd::AsRawFd;

/// The PIN typed after `prompt` (shown only at a terminal), for `name`.
pub fn read_pin(prompt: &str, name: &str) -> Result<String, CommandError> {
    match read_secret(prompt) {
        Ok(Some(pin)) => Ok(pin),
        Ok(None) => Err(CommandError::Refused(format!(
            "{name} has a PIN: type it at the terminal, or give it as a line of standard input"
        ))),
        Err(e) => Err(CommandError::Refused(format!(
            "cannot read the PIN for {name}: {e}"
        ))),
    }
}

/// A secret typed after `prompt`, hidden, at a terminal; else one line of
/// standard input (none at its end), for a script.
pub fn read_secret(prompt: &str) -> io::Result<Option<String>> {
    if io::stdin().is_terminal() {
        return prompt_hidden(prompt).map(Some);
    }
    let mut line = String::new();
    if io::stdin().lock().read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let line = line.strip_suffix('\n').unwrap_or(&line);
    Ok(Some(line.strip_suffix('\r').unwrap_or(line).to_string()))
}

/// Turns echo off before the prompt appears, so that keys typed as soon as
/// it shows are never echoed (a prompt first, then echo off, leaves a
/// moment in which the terminal would show them).
pub fn prompt_hidden(prompt: &str) -> io::Result<String> {
    let tty = File::options().read(true).write(true).open("/dev/tty")?;
    let quiet = Quiet::on(&tty)?;
    (&tty).write_all(prompt.as_bytes())?;
    (&tty).flush()?;
    let pin = rpassword::read_password();
    drop(quiet);
    pin
}

/// The terminal's settings before echo was turned off, put back on drop.
struct Quiet<'a> {
    tty: &'a File,
    saved: libc::termios,
}

impl<'a> Quiet<'a> {
    fn on(tty: &'a File) -> io::Result<Quiet<'a>> {
        // SAFETY: termios is plain data that tcgetattr fills in.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: a valid descriptor and a valid pointer to a termios.
        if unsafe { libc::tcgetattr(tty.as_raw_fd(), &mut saved) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let mut hidden = saved;
        hidden.c_lflag &= !libc::ECHO;
        hidden.c_lflag |= libc::ECHONL;
        // SAFETY: as above.
        if unsafe { libc::tcsetattr(tty.as_raw_fd(), libc::TCSANOW, &hidden) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Quiet { tty, saved })
    }
}

impl Drop for Quiet<'_> {
    fn drop(&mut self) {
        // SAFETY: the settings read from this descriptor in `on`.
        unsafe { libc::tcsetattr(self.tty.as_raw_fd(), libc::TCSANOW, &self.saved) };
    }
}
