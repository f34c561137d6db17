//! Leaving the terminal as it was found: raw mode off, the main screen back,
//! mouse reporting off and the cursor shown, whether the app quits, fails,
//! panics or is stopped by a signal.

use crossterm::cursor::Show;
use crossterm::event::DisableMouseCapture;
use crossterm::execute;
use crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::fs::File;
use std::io::IsTerminal;
use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

/// The signals that end the program by default and can be caught.
const ENDING: [i32; 4] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT];

/// Undoes everything the app set up. Errors are ignored: the terminal may
/// already be gone (a hang-up), and there is nothing better to do.
pub fn restore_terminal() {
    restore_through(&mut io::stdout().lock());
}

fn restore_through(out: &mut impl Write) {
    let _ = disable_raw_mode();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
}

/// The terminal is restored on a panic too, before the message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Restores the terminal when an ending signal arrives, then ends the
/// program as that signal would have. The work is done on a thread, not in
/// the signal handler, where writing and locking are unsafe.
pub fn restore_on_signals() -> io::Result<()> {
    let mut signals = Signals::new(ENDING)?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Written straight to the terminal: the main thread may hold
                // the lock on standard output for as long as it runs.
                match io::stdout().as_fd().try_clone_to_owned() {
                    Ok(terminal) => restore_through(&mut File::from(terminal)),
                    Err(_) => {
                        let _ = disable_raw_mode();
                    }
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Ends the program when its terminal goes away without a hang-up signal
/// (a closed terminal window whose program was not its session leader):
/// the terminal then reads as endlessly ready, and the input reader would
/// spin on it for ever. Polling for no events blocks until the terminal
/// reports a hang-up or an error, so the watch costs nothing meanwhile.
pub fn end_when_terminal_goes() -> io::Result<()> {
    // The terminal keys are read from: standard input, else /dev/tty.
    let terminal: OwnedFd = if io::stdin().is_terminal() {
        io::stdin().as_fd().try_clone_to_owned()?
    } else {
        File::open("/dev/tty")?.into()
    };
    std::thread::Builder::new()
        .name("terminal-watch".into())
        .spawn(move || {
            let mut watched = libc::pollfd {
                fd: terminal.as_raw_fd(),
                events: 0,
                revents: 0,
            };
            loop {
                // SAFETY: one valid pollfd, owned by this thread for the call.
                let ready = unsafe { libc::poll(&mut watched, 1, -1) };
                let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
                if ready > 0 && watched.revents & gone != 0 {
                    let _ = disable_raw_mode();
                    std::process::exit(128 + SIGHUP);
                }
            }
        })?;
    Ok(())
}
