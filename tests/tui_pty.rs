//! The real binary in a pseudo-terminal: it draws, answers keys, and leaves
//! the terminal as it found it, on both engines (`--db` a file or a URL).
//! Waits poll for text; nothing sleeps and hopes.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-21";

mod common;

use common::engine::Engine;
use std::ffi::{OsStr, OsString};

/// Reads the pty on a thread and keeps a vt100 screen of it.
struct Screen {
    parser: vt100::Parser,
    bytes: Receiver<Vec<u8>>,
}

impl Screen {
    /// Waits up to 10 s for `text` to be on screen; the screen if not.
    fn wait_for(&mut self, text: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self.parser.screen().contents().contains(text) {
                return Ok(());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(self.parser.screen().contents());
            }
            if let Ok(bytes) = self
                .bytes
                .recv_timeout(left.min(Duration::from_millis(100)))
            {
                self.parser.process(&bytes);
            }
        }
    }

    /// Everything the program wrote, drained for a moment after it exits.
    fn drain(&mut self) -> Vec<u8> {
        let mut all = Vec::new();
        while let Ok(bytes) = self.bytes.recv_timeout(Duration::from_millis(200)) {
            self.parser.process(&bytes);
            all.extend(bytes);
        }
        all
    }
}

/// The app on the demo database in a fresh 80×24 pty, showing Ben's dashboard.
struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    screen: Screen,
    _engine: Engine,
}

/// The demo caseload in `engine`'s database; what `--db` is given.
fn demo_database(engine: &Engine) -> OsString {
    let db = engine.db();
    let demo = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", TODAY, "--db"])
        .arg(&db)
        .arg("demo")
        .output()
        .expect("demo runs");
    assert!(demo.status.success());
    db
}

fn launch(engine: Engine) -> Running {
    let db = demo_database(&engine);
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pcso-tracker"));
    command.args(["--today", TODAY, "--as", "Ben Okafor", "--db"]);
    command.arg(&db);
    command.env("TERM", "xterm-256color");
    let (child, master, mut screen) = spawn(command);
    screen
        .wait_for("Month 5 of 12")
        .unwrap_or_else(|s| panic!("no dashboard:\n{s}"));
    Running {
        child,
        master,
        screen,
        _engine: engine,
    }
}

/// Whether the pty reads lines and echoes them, as a shell expects.
fn cooked(master: &dyn portable_pty::MasterPty) -> bool {
    let fd = master.as_raw_fd().expect("pty descriptor");
    // SAFETY: termios is plain data, and `fd` stays open for the call.
    let mut mode: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut mode) }, 0, "tcgetattr");
    mode.c_lflag & (libc::ICANON | libc::ECHO) == (libc::ICANON | libc::ECHO)
}

fn the_app_runs_in_a_terminal_answers_keys_and_restores_it(engine: Engine) {
    let Running {
        mut child,
        master,
        mut screen,
        _engine,
    } = launch(engine);
    let mut writer = master.take_writer().expect("writer");
    writer.write_all(b"2").expect("key");
    screen
        .wait_for("Outcomes 14 of 14")
        .unwrap_or_else(|s| panic!("no outcomes:\n{s}"));
    writer.write_all(b"?").expect("key");
    screen
        .wait_for("any other key closes")
        .unwrap_or_else(|s| panic!("no help:\n{s}"));
    writer.write_all(b"x").expect("key");
    writer.write_all(b"q").expect("key");

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the app did not quit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    screen.drain();
    // Leaving: the alternate screen is closed and mouse reporting is off.
    assert!(
        !screen.parser.screen().alternate_screen(),
        "still on the alternate screen"
    );
    assert_eq!(
        screen.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
}

fn a_terminating_signal_leaves_the_terminal_as_it_was(engine: Engine) {
    for (name, signal) in [
        ("SIGTERM", libc::SIGTERM),
        ("SIGINT", libc::SIGINT),
        ("SIGHUP", libc::SIGHUP),
    ] {
        let mut app = launch(engine.fresh());
        assert!(
            !cooked(app.master.as_ref()),
            "{name}: raw mode while running"
        );
        // Until the screen is still: the signal should meet an idle app,
        // not one drawing the answers of its background work.
        app.screen.drain();
        let pid = app.child.process_id().expect("pid");
        // SAFETY: sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid as i32, signal) }, 0, "kill");
        let deadline = Instant::now() + Duration::from_secs(10);
        while app.child.try_wait().expect("wait").is_none() {
            assert!(Instant::now() < deadline, "{name}: the app did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
        app.screen.drain();
        let screen = app.screen.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "{name}: still on the alternate screen"
        );
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{name}: mouse reporting still on"
        );
        assert!(!screen.hide_cursor(), "{name}: the cursor is still hidden");
        assert!(cooked(app.master.as_ref()), "{name}: still in raw mode");
    }
}

fn without_a_terminal_it_points_to_the_report_and_exits_2(engine: Engine) {
    let output = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .arg("--db")
        .arg(engine.db())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("pcso-tracker report"), "{message}");
    assert_eq!(message.lines().count(), 1);
}

/// A terminal that goes away without sending a hang-up (its window closed,
/// the app not its session's leader) ends the app instead of leaving it
/// spinning on a terminal that reads as ready for ever.
fn a_terminal_that_goes_away_ends_the_app(engine: Engine) {
    let db = demo_database(&engine);
    let (mut master, slave) = pty_without_hang_up();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", TODAY, "--as", "Ben Okafor", "--db"])
        .arg(&db)
        .env("TERM", "xterm-256color")
        .stdin(slave.try_clone().expect("slave"))
        .stdout(slave.try_clone().expect("slave"))
        .stderr(slave)
        .process_group(0)
        .spawn()
        .expect("spawn");
    let mut drawn = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&drawn).contains("Month") {
        let count = master.read(&mut buffer).expect("the app draws");
        assert!(count > 0, "the app ended before drawing");
        drawn.extend_from_slice(&buffer[..count]);
    }
    drop(master);
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the app kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A pty pair whose slave is nobody's controlling terminal, so closing the
/// master sends no signal: the app only sees its terminal go. Both ends are
/// opened close-on-exec, so no other test's child keeps the master open.
fn pty_without_hang_up() -> (std::fs::File, std::fs::File) {
    use std::os::fd::FromRawFd;
    let flags = libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC;
    // SAFETY: plain calls on a descriptor this function opened and owns;
    // ptsname's buffer is copied before any other call.
    unsafe {
        let master = libc::posix_openpt(flags);
        assert!(master >= 0, "posix_openpt");
        assert_eq!(libc::grantpt(master), 0, "grantpt");
        assert_eq!(libc::unlockpt(master), 0, "unlockpt");
        let name = std::ffi::CStr::from_ptr(libc::ptsname(master)).to_owned();
        let slave = libc::open(name.as_ptr(), flags);
        assert!(slave >= 0, "open the slave");
        let size = libc::winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        assert_eq!(libc::ioctl(slave, libc::TIOCSWINSZ, &size), 0, "size");
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    }
}

/// Acting as someone with a PIN asks for it at the terminal, without
/// showing what is typed, and then runs the command.
fn the_pin_is_asked_at_the_terminal_and_not_shown(engine: Engine) {
    let db = demo_database(&engine);
    let mut set = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", TODAY, "--as", "Ben Okafor", "--db"])
        .arg(&db)
        .args(["pin", "set"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("pin set runs");
    set.stdin
        .take()
        .expect("stdin")
        .write_all(b"4321\n4321\n")
        .expect("PIN piped");
    assert!(set.wait().expect("finished").success());

    let (mut child, mut screen, mut keys) = in_pty(&db, &["--as", "Ben", "report", "Ben"]);
    screen
        .wait_for("PIN for Ben Okafor: ")
        .unwrap_or_else(|s| panic!("no PIN prompt:\n{s}"));
    keys.write_all(b"9999\r").expect("typed");
    screen
        .wait_for("wrong PIN for Ben Okafor")
        .unwrap_or_else(|s| panic!("no refusal:\n{s}"));
    assert!(!child.wait().expect("exits").success());
    let shown = screen.parser.screen().contents();
    assert!(!shown.contains("9999"), "{shown}");

    let (mut child, mut screen, mut keys) = in_pty(&db, &["--as", "Ben", "report", "Ben"]);
    screen
        .wait_for("PIN for Ben Okafor: ")
        .unwrap_or_else(|s| panic!("no PIN prompt:\n{s}"));
    keys.write_all(b"4321\r").expect("typed");
    screen
        .wait_for("Continuing professional development")
        .unwrap_or_else(|s| panic!("no report:\n{s}"));
    assert!(child.wait().expect("exits").success());
}

/// The binary run on `db` with `args` in a fresh 80×24 pty, its screen and
/// its keyboard.
fn in_pty(
    db: &OsStr,
    args: &[&str],
) -> (
    Box<dyn portable_pty::Child + Send + Sync>,
    Screen,
    Box<dyn Write + Send>,
) {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pcso-tracker"));
    command.args(["--today", TODAY, "--db"]);
    command.arg(db);
    command.args(args);
    let (child, master, screen) = spawn(command);
    let keys = master.take_writer().expect("writer");
    (child, screen, keys)
}

/// `command` started in a fresh 80×24 pty, with the screen it draws.
fn spawn(
    command: CommandBuilder,
) -> (
    Box<dyn portable_pty::Child + Send + Sync>,
    Box<dyn portable_pty::MasterPty + Send>,
    Screen,
) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let child = pty.slave.spawn_command(command).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let (sender, bytes) = channel();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(count) = reader.read(&mut buffer) {
            if count == 0 || sender.send(buffer[..count].to_vec()).is_err() {
                break;
            }
        }
    });
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero");
    let screen = Screen {
        parser: vt100::Parser::new(size(24), size(80), 0),
        bytes,
    };
    (child, pty.master, screen)
}

on_both_engines!(
    the_app_runs_in_a_terminal_answers_keys_and_restores_it,
    a_terminating_signal_leaves_the_terminal_as_it_was,
    without_a_terminal_it_points_to_the_report_and_exits_2,
    a_terminal_that_goes_away_ends_the_app,
    the_pin_is_asked_at_the_terminal_and_not_shown,
);
