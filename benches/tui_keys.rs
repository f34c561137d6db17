//! The app at a training provider's scale, driven by keys: start to first
//! frame, key press to drawn frame (p50, p99), and peak memory, for an
//! apprentice's own screens, an assessor's caseload and the list of
//! everyone. Each role runs in its own child process, so each peak memory
//! is that role's alone. Run with `cargo bench --bench tui_keys`.
//!
//! Without `PCSO_BENCH_DB` the provider-sized database is generated with the
//! real binary first (in a child process, so its memory is not counted);
//! `PCSO_BENCH_DB=/path/to/db` measures an existing database instead (a
//! larger one, say), which is opened but never changed by the keys sent.
//! `PCSO_BENCH_APPRENTICE` and `PCSO_BENCH_ASSESSOR` name who to act as
//! (by default id 1000 and "Assessor 01 Ahmed").

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::Clock;
use pcso_tracker::store::Store;
use pcso_tracker::tui::action::Action;
use pcso_tracker::tui::{Launch, prepare, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const FIRST_FRAME_TARGET: Duration = Duration::from_millis(50);
const KEY_TARGET: Duration = Duration::from_millis(2);
const MEMORY_TARGET_MB: f64 = 30.0;
const SIZE: (u16, u16) = (120, 40);
const DB_ENV: &str = "PCSO_BENCH_DB";
/// Set in a child process: the role it measures.
const ROLE_ENV: &str = "PCSO_BENCH_ROLE";

#[derive(Clone, Copy)]
enum Role {
    Apprentice,
    Caseload,
    Everyone,
}

impl Role {
    const ALL: [Role; 3] = [Role::Apprentice, Role::Caseload, Role::Everyone];

    fn word(self) -> &'static str {
        match self {
            Role::Apprentice => "apprentice",
            Role::Caseload => "caseload",
            Role::Everyone => "everyone",
        }
    }

    fn parse(word: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.word() == word)
    }

    /// Who the app is used as (`--as`).
    fn acting_as(self) -> Option<String> {
        let chosen = |env: &str, default: &str| {
            Some(std::env::var(env).unwrap_or_else(|_| default.to_string()))
        };
        match self {
            Role::Apprentice => chosen("PCSO_BENCH_APPRENTICE", "1000"),
            Role::Caseload => chosen("PCSO_BENCH_ASSESSOR", "Assessor 01 Ahmed"),
            Role::Everyone => None,
        }
    }
}

fn main() {
    if let Some(role) = std::env::var(ROLE_ENV)
        .ok()
        .as_deref()
        .and_then(Role::parse)
    {
        let db = std::env::var_os(DB_ENV)
            .map(PathBuf::from)
            .expect("database");
        drive(&db, role);
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = match std::env::var_os(DB_ENV) {
        Some(path) => PathBuf::from(path),
        None => generate(dir.path()),
    };
    describe(&db);
    for role in Role::ALL {
        let status = Command::new(std::env::current_exe().expect("this bench"))
            .env(ROLE_ENV, role.word())
            .env(DB_ENV, &db)
            .status()
            .expect("run a role");
        assert!(status.success(), "the {} run failed", role.word());
    }
}

fn generate(dir: &Path) -> PathBuf {
    let db = dir.join("provider.db");
    let output = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", "2026-11-21", "--db"])
        .arg(&db)
        .args(["demo", "--scale", "provider"])
        .output()
        .expect("generate the provider-scale database");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    db
}

fn describe(db: &Path) {
    let connection = rusqlite::Connection::open(db).expect("open the database");
    let count = |table: &str| -> i64 {
        connection
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })
            .expect("count")
    };
    let megabytes = std::fs::metadata(db).map_or(0, |meta| meta.len()) / 1_000_000;
    println!(
        "tui on {}: {} people, {} enrolments, {} evidence items, {} MB; {}x{}",
        db.display(),
        count("person"),
        count("enrolment"),
        count("evidence"),
        megabytes,
        SIZE.0,
        SIZE.1
    );
}

fn drive(db: &Path, role: Role) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let launch = Launch {
        clock: Clock::as_of(today),
        acting_as: role.acting_as(),
    };
    let label = match &launch.acting_as {
        Some(who) => format!("{} (as {who})", role.word()),
        None => role.word().to_string(),
    };
    let started = Stopwatch::start();
    let mut store = Store::open(db).expect("open");
    let registry = Registry::load(None).expect("frameworks");
    let mut app = prepare(&store, registry, &launch, SIZE).expect("prepare");
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    terminal
        .draw(|frame| view::draw(frame, &app))
        .expect("draw");
    let first = started.elapsed();
    println!(
        "  {label}: start to first frame {:.2?} (cpu {:.2?})  ({} the {FIRST_FRAME_TARGET:?} target)",
        first.wall,
        first.cpu,
        verdict(first.wall < FIRST_FRAME_TARGET)
    );
    // Between keys the event loop works out caseload columns one person at
    // a time, each step followed by a frame: a key pressed meanwhile waits
    // for at most one step.
    let mut steps = Vec::new();
    let mut send = |codes: &[KeyCode]| -> Vec<Timing> {
        codes
            .iter()
            .map(|&code| {
                let start = Stopwatch::start();
                let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
                if let Some(action) = update::action_for_event(&app, &event) {
                    update::update(&mut app, &mut store, action);
                }
                terminal
                    .draw(|frame| view::draw(frame, &app))
                    .expect("draw");
                let taken = start.elapsed();
                while app.columns_to_work_out().is_some() {
                    let start = Stopwatch::start();
                    update::update(&mut app, &mut store, Action::WorkOutColumns);
                    terminal
                        .draw(|frame| view::draw(frame, &app))
                        .expect("draw");
                    steps.push(start.elapsed());
                }
                taken
            })
            .collect()
    };
    if !matches!(role, Role::Apprentice) {
        report(&label, "on the list", send(&list_keys()));
        // Back to the top of the list by name, then into someone's screens.
        send(&[KeyCode::Home, KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    }
    report(&label, "on one person's screens", send(&person_keys()));
    if !steps.is_empty() {
        report(
            &label,
            "working out one person's caseload columns between keys",
            steps,
        );
    }
    let peak = peak_memory_mb();
    println!(
        "  {label}: peak memory (VmHWM) {peak:.1} MB  ({} the {MEMORY_TARGET_MB} MB target)",
        verdict(peak < MEMORY_TARGET_MB)
    );
}

/// Moving through the list, its order switched and a name typed to narrow it.
fn list_keys() -> Vec<KeyCode> {
    let mut keys = Vec::new();
    for _ in 0..10 {
        keys.extend([KeyCode::Down; 5]);
        keys.extend([KeyCode::PageDown; 3]);
        keys.push(KeyCode::End);
        keys.extend([KeyCode::Up; 3]);
        keys.extend([KeyCode::PageUp; 2]);
        keys.push(KeyCode::Home);
        keys.push(KeyCode::Char('o'));
        keys.extend([KeyCode::Down, KeyCode::PageDown, KeyCode::End]);
        keys.push(KeyCode::Char('o'));
    }
    keys.extend([
        KeyCode::Char('/'),
        KeyCode::Char('j'),
        KeyCode::Char('a'),
        KeyCode::Enter,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::End,
        KeyCode::Home,
        KeyCode::Char('/'),
        KeyCode::Backspace,
        KeyCode::Backspace,
        KeyCode::Enter,
    ]);
    keys
}

/// Every tab of one person's screens, moving in each.
fn person_keys() -> Vec<KeyCode> {
    let mut keys = Vec::new();
    for round in 0..50 {
        keys.push(KeyCode::Char(char::from(b'1' + (round % 7) as u8)));
        keys.extend([
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Up,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::Tab,
        ]);
    }
    keys
}

/// Wall-clock time, and this thread's CPU time: on a busy machine the
/// second shows the work done apart from waiting for a turn on a core.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Duration,
}

/// Started before a key is sent.
struct Stopwatch {
    wall: Instant,
    cpu: Duration,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch {
            wall: Instant::now(),
            cpu: thread_cpu_time(),
        }
    }

    fn elapsed(&self) -> Timing {
        Timing {
            wall: self.wall.elapsed(),
            cpu: thread_cpu_time().saturating_sub(self.cpu),
        }
    }
}

fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes only into the timespec it is given.
    let read = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if read != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

fn report(label: &str, what: &str, timings: Vec<Timing>) {
    let sorted = |pick: fn(&Timing) -> Duration| {
        let mut values: Vec<Duration> = timings.iter().map(pick).collect();
        values.sort();
        values
    };
    let (wall, cpu) = (sorted(|t| t.wall), sorted(|t| t.cpu));
    let at = |values: &[Duration], share: f64| values[((values.len() - 1) as f64 * share) as usize];
    println!(
        "  {label}: key press to drawn frame {what}, {} times: p50 {:.3?}  p99 {:.3?}  max {:.3?}  (cpu p50 {:.3?}  p99 {:.3?}  max {:.3?})  ({} the {KEY_TARGET:?} p99 target)",
        wall.len(),
        at(&wall, 0.5),
        at(&wall, 0.99),
        at(&wall, 1.0),
        at(&cpu, 0.5),
        at(&cpu, 0.99),
        at(&cpu, 1.0),
        verdict(at(&wall, 0.99) < KEY_TARGET)
    );
}

fn verdict(within: bool) -> &'static str {
    if within { "within" } else { "OVER" }
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
