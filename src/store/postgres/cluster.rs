//! A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` into a
//! temporary folder, a server listening only on a unix socket inside it,
//! trusted logins, and a fresh database per test. Starting a server takes
//! about a second, so the tests of one binary share one (`shared`).

use super::server::{Runner, find_bindir};
use postgres::{Client, NoTls};
use std::io::{Read, Write};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use thiserror::Error;

/// Set to 1 (as CI does) to make a missing server a test failure.
pub const REQUIRE_ENV: &str = "PCSO_REQUIRE_POSTGRES";

/// What a test prints when it skips for want of a server.
pub const SKIPPED: &str = "skipped: no PostgreSQL server (install Debian's postgresql package; CI sets PCSO_REQUIRE_POSTGRES=1)";

/// The superuser `initdb` creates, which tests connect as.
const SUPERUSER: &str = "postgres";

#[derive(Debug, Error)]
pub enum ClusterError {
    #[error(
        "running as root, and neither a `postgres` nor a `nobody` account exists to run the PostgreSQL server as"
    )]
    NoUnprivilegedAccount,

    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{what} failed ({status}): {output}")]
    Program {
        what: &'static str,
        status: String,
        output: String,
    },

    #[error("{what}: {source}")]
    Sql {
        what: &'static str,
        source: postgres::Error,
    },
}

/// A running server in a temporary folder; dropping it stops the server and
/// removes the folder.
pub struct TempCluster {
    folder: PathBuf,
    databases: AtomicUsize,
    /// Stops the server and removes the folder once its input closes: when
    /// this value is dropped, or when the process ends however it ends (a
    /// shared cluster lives in a static, which is never dropped).
    watchdog: Option<(Child, ChildStdin)>,
}

impl TempCluster {
    /// Starts a new cluster; none when no PostgreSQL server is installed.
    pub fn start() -> Result<Option<TempCluster>, ClusterError> {
        let Some(bin) = find_bindir() else {
            return Ok(None);
        };
        let runner = Runner::for_current_user()?;
        let folder = make_folder(&runner)?;
        let data = folder.join("data");
        // The watchdog comes first, so that a failure below still cleans up.
        let cluster = TempCluster {
            watchdog: Some(spawn_watchdog(&runner, &bin, &folder)?),
            folder,
            databases: AtomicUsize::new(0),
        };
        init(&runner, &bin, &cluster.folder, &data)?;
        configure(&data, &cluster.folder)?;
        start_server(&runner, &bin, &cluster.folder, &data)?;
        Ok(Some(cluster))
    }

    /// The cluster every test in this process shares, started on first use.
    pub fn shared() -> Result<Option<&'static TempCluster>, &'static ClusterError> {
        static SHARED: OnceLock<Result<Option<TempCluster>, ClusterError>> = OnceLock::new();
        SHARED
            .get_or_init(TempCluster::start)
            .as_ref()
            .map(Option::as_ref)
    }

    /// The folder holding the data, the log and the socket.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The connection URL of database `name` on this cluster.
    pub fn url(&self, name: &str) -> String {
        format!(
            "postgresql://{SUPERUSER}@/{name}?host={}",
            url_escape(&self.folder.to_string_lossy())
        )
    }

    /// Creates a new, empty database and gives its URL.
    pub fn create_database(&self) -> Result<String, ClusterError> {
        let number = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("test_{number}");
        let mut admin =
            Client::connect(&self.url("postgres"), NoTls).map_err(|source| ClusterError::Sql {
                what: "connecting to the test server",
                source,
            })?;
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .map_err(|source| ClusterError::Sql {
                what: "creating a test database",
                source,
            })?;
        Ok(self.url(&name))
    }
}

impl Drop for TempCluster {
    fn drop(&mut self) {
        if let Some((mut watchdog, input)) = self.watchdog.take() {
            drop(input);
            let _ = watchdog.wait();
        }
    }
}

/// A new folder of our own under the system's temporary folder, owned by
/// the account the server runs as.
fn make_folder(runner: &Runner) -> Result<PathBuf, ClusterError> {
    static MADE: AtomicUsize = AtomicUsize::new(0);
    let base = std::env::temp_dir();
    let io = |what, path: &Path| {
        let path = path.to_path_buf();
        move |source| ClusterError::Io { what, path, source }
    };
    loop {
        let number = MADE.fetch_add(1, Ordering::Relaxed);
        let folder = base.join(format!("pcso-pg-{}-{number}", std::process::id()));
        match std::fs::DirBuilder::new().mode(0o700).create(&folder) {
            Ok(()) => {
                runner
                    .own(&folder)
                    .map_err(io("handing to the server's account", &folder))?;
                return Ok(folder);
            }
            // Left by an earlier process with the same id: take the next.
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(io("creating", &folder)(source)),
        }
    }
}

/// A shell that waits for its input to close, then stops the server (if it
/// started) and removes the folder. It ignores the signals a terminal sends
/// on Ctrl-C, so that it outlives the tests it cleans up after.
fn spawn_watchdog(
    runner: &Runner,
    bin: &Path,
    folder: &Path,
) -> Result<(Child, ChildStdin), ClusterError> {
    const SCRIPT: &str = r#"trap '' INT TERM HUP
cat >/dev/null
if [ -f "$2/data/postmaster.pid" ]; then "$1" stop -D "$2/data" -m immediate -w >/dev/null 2>&1; fi
rm -rf "$2""#;
    let mut child = runner
        .command(Path::new("/bin/sh"), folder)
        .args(["-c", SCRIPT, "watchdog"])
        .arg(bin.join("pg_ctl"))
        .arg(folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| ClusterError::Io {
            what: "starting the clean-up of",
            path: folder.to_path_buf(),
            source,
        })?;
    let input = child.stdin.take().ok_or_else(|| ClusterError::Io {
        what: "starting the clean-up of",
        path: folder.to_path_buf(),
        source: std::io::Error::other("no input to the clean-up shell"),
    })?;
    Ok((child, input))
}

/// A cluster whose only login is the superuser, trusted on the socket
/// (nothing listens on the network), written without waiting for the disk.
fn init(runner: &Runner, bin: &Path, folder: &Path, data: &Path) -> Result<(), ClusterError> {
    let mut initdb = runner.command(&bin.join("initdb"), folder);
    initdb
        .arg("-D")
        .arg(data)
        .args([
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        ])
        .arg(format!("--username={SUPERUSER}"));
    run("initdb", initdb)
}

/// Test settings: only the socket in our folder, and speed over durability
/// (the data is thrown away).
fn configure(data: &Path, folder: &Path) -> Result<(), ClusterError> {
    let settings = format!(
        "\nlisten_addresses = ''\nunix_socket_directories = '{}'\n\
         fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n",
        folder.to_string_lossy().replace('\'', "''")
    );
    let path = data.join("postgresql.conf");
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(settings.as_bytes()))
        .map_err(|source| ClusterError::Io {
            what: "configuring",
            path,
            source,
        })
}

fn start_server(
    runner: &Runner,
    bin: &Path,
    folder: &Path,
    data: &Path,
) -> Result<(), ClusterError> {
    let log = folder.join("server.log");
    let mut pg_ctl = runner.command(&bin.join("pg_ctl"), folder);
    pg_ctl
        .arg("start")
        .arg("-D")
        .arg(data)
        .arg("-l")
        .arg(&log)
        .args(["-w", "-t", "60", "-s"]);
    run("pg_ctl start", pg_ctl).map_err(|error| with_log(error, &log))
}

/// Runs a program to completion, its output kept for the error.
fn run(what: &'static str, mut command: Command) -> Result<(), ClusterError> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|source| ClusterError::Io {
            what: "running",
            path: PathBuf::from(command.get_program()),
            source,
        })?;
    if output.status.success() {
        return Ok(());
    }
    Err(ClusterError::Program {
        what,
        status: output.status.to_string(),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    })
}

/// Adds the server's log to a failure to start: the reason is written there.
fn with_log(error: ClusterError, log: &Path) -> ClusterError {
    let ClusterError::Program {
        what,
        status,
        mut output,
    } = error
    else {
        return error;
    };
    let mut text = String::new();
    if std::fs::File::open(log)
        .and_then(|mut file| file.read_to_string(&mut text))
        .is_ok()
    {
        output.push_str("\nserver log:\n");
        output.push_str(&text);
    }
    ClusterError::Program {
        what,
        status,
        output,
    }
}

/// Escapes a socket folder for a URL's query string.
fn url_escape(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
