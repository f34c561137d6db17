//! The app at a training provider's scale, driven by keys: start to first
//! frame, key press to drawn frame (p50, p99), and peak memory, for an
//! apprentice's own screens, an assessor's caseload and the list of
//! everyone. Each role runs in its own child process, so each peak memory
//! is that role's alone. Run with `cargo bench --bench tui_keys`.
//!
//! As in the app, caseload columns and lists in an order no index serves
//! (next check-in first, narrowed by a name) are worked out on a
//! background thread: a key is answered with a frame at once, and the
//! frame with the list it asked for follows. Both are timed.
//!
//! By default the 1x and 10x provider-scale databases are measured, the
//! same ones `cargo bench --bench scale` uses (generated once with the real
//! binary and cached in `<target>/bench-cache`); `PCSO_SCALE_TIMES=1,10`
//! chooses the sizes. `PCSO_BENCH_DB=/path/to/db` measures an existing
//! database instead, which is opened but never changed by the keys sent.
//! `PCSO_BENCH_APPRENTICE` and `PCSO_BENCH_ASSESSOR` name who to act as
//! (by default id 1000 and "Assessor 01 Ahmed").

#[path = "common/cache.rs"]
mod cache;

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::Clock;
use pcso_tracker::report::CaseloadColumn;
use pcso_tracker::store::Store;
use pcso_tracker::tui::action::Action;
use pcso_tracker::tui::background::Background;
use pcso_tracker::tui::{Launch, prepare, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FIRST_FRAME_TARGET: Duration = Duration::from_millis(50);
const KEY_TARGET: Duration = Duration::from_millis(2);
const MEMORY_TARGET_MB: f64 = 30.0;
const SIZE: (u16, u16) = (120, 40);
/// How many times each role starts the app, for the first frame's median.
const STARTS: usize = 5;
const DB_ENV: &str = "PCSO_BENCH_DB";
const BINARY: &str = env!("CARGO_BIN_EXE_pcso-tracker");
const TODAY: &str = "2026-11-21";
/// Starts a child's line for the summary table.
const SUMMARY_MARK: &str = "SUMMARY|";
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
    let databases: Vec<(String, PathBuf)> = match std::env::var_os(DB_ENV) {
        Some(path) => vec![("given".to_string(), PathBuf::from(path))],
        None => std::env::var("PCSO_SCALE_TIMES")
            .unwrap_or_else(|_| "1,10".into())
            .split(',')
            .map(|n| {
                let times: usize = n.trim().parse().expect("PCSO_SCALE_TIMES: e.g. 1,10");
                (
                    format!("{times}x"),
                    cache::cached_database(BINARY, TODAY, times),
                )
            })
            .collect(),
    };
    let mut summary = Vec::new();
    for (size, db) in &databases {
        describe(db);
        for role in Role::ALL {
            let output = Command::new(std::env::current_exe().expect("this bench"))
                .env(ROLE_ENV, role.word())
                .env(DB_ENV, db)
                .stderr(Stdio::inherit())
                .output()
                .expect("run a role");
            let text = String::from_utf8_lossy(&output.stdout);
            for line in text.lines() {
                match line.strip_prefix(SUMMARY_MARK) {
                    Some(row) => summary.push(format!("| {size} | {row}")),
                    None => println!("{line}"),
                }
            }
            assert!(output.status.success(), "the {} run failed", role.word());
        }
    }
    println!();
    println!(
        "| size | who | first frame ms | key to frame p50 ms | key to frame p99 ms | key to frame with its list p99 ms | sorted by RAG ms | peak MB | verdict |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for row in summary {
        println!("{row}");
    }
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
    // Started five times: the first after another role read other parts
    // of the file may wait on the disk; the median is what a start costs.
    let mut starts = Vec::new();
    let mut started_app = None;
    for _ in 0..STARTS {
        let started = Stopwatch::start();
        let store = Store::open(db).expect("open");
        let registry = Registry::load(None).expect("frameworks");
        let app = prepare(&store, registry, &launch, SIZE).expect("prepare");
        let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
        terminal
            .draw(|frame| view::draw(frame, &app))
            .expect("draw");
        starts.push(started.elapsed());
        started_app = Some((store, app, terminal));
    }
    let (mut store, mut app, mut terminal) = started_app.expect("started");
    let cold = starts[0];
    starts.sort_by_key(|timing| timing.wall);
    let first = starts[STARTS / 2];
    println!(
        "  {label}: start to first frame {:.2?} median of {STARTS} (cpu {:.2?}; the first start {:.2?})  ({} the {FIRST_FRAME_TARGET:?} target)",
        first.wall,
        first.cpu,
        cold.wall,
        verdict(first.wall < FIRST_FRAME_TARGET)
    );
    let mut background = Background::start(
        store.reader().expect("a reader"),
        app.registry.clone(),
        app.today,
    )
    .expect("background");
    let mut keys = Vec::new();
    let mut lists = Vec::new();
    let mut answers = Vec::new();
    let mut sorts = Vec::new();
    let before = app.picker_order.column;
    let timing = std::cell::Cell::new(true);
    let mut send = |inputs: &[Input]| {
        for input in inputs {
            let start = Stopwatch::start();
            let action = match input {
                Input::Key(code) => {
                    let event = Event::Key(KeyEvent::new(*code, KeyModifiers::NONE));
                    update::action_for_event(&app, &event)
                }
                Input::SortBy(column) => Some(Action::SortBy(*column)),
                // As a click on the other column's header.
                Input::OtherOrder => Some(Action::SortBy(
                    if app.picker_order.column == CaseloadColumn::Name {
                        CaseloadColumn::NextCheckin
                    } else {
                        CaseloadColumn::Name
                    },
                )),
            };
            if let Some(action) = action {
                update::update(&mut app, &mut store, action);
            }
            terminal
                .draw(|frame| view::draw(frame, &app))
                .expect("draw");
            if timing.get() {
                keys.push(start.elapsed());
            }
            let waiting = app.people.waiting_for.is_some();
            // As the event loop: hand over the work, then take in each
            // answer with a frame. The next key comes once all are in.
            let (generation, jobs) = app.take_jobs();
            for job in jobs {
                background.send(generation, job);
            }
            while let Some(done) = background.wait() {
                let answer = Stopwatch::start();
                update::update(&mut app, &mut store, Action::Finished(Box::new(done)));
                terminal
                    .draw(|frame| view::draw(frame, &app))
                    .expect("draw");
                if timing.get() {
                    answers.push(answer.elapsed());
                }
                if waiting && app.people.waiting_for.is_none() {
                    match input {
                        Input::SortBy(CaseloadColumn::Rag) => sorts.push(start.elapsed()),
                        _ if timing.get() => lists.push(start.elapsed()),
                        _ => {}
                    }
                }
                let (generation, jobs) = app.take_jobs();
                for job in jobs {
                    background.send(generation, job);
                }
            }
        }
    };
    if !matches!(role, Role::Apprentice) {
        send(&list_keys());
        // Back to the top of the list by name, then into someone's screens.
        send(&key_inputs([
            KeyCode::Home,
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
        ]));
    }
    send(
        &person_keys()
            .into_iter()
            .map(Input::Key)
            .collect::<Vec<_>>(),
    );
    if !matches!(role, Role::Apprentice) {
        // Last, as it reads every listed person's records and so the page
        // cache the keys above were timed with: back to the list, sorted by
        // a column worked out from each person's standing. Only its own
        // timing is kept.
        timing.set(false);
        send(&key_inputs([KeyCode::Esc; 3]));
        send(&[Input::SortBy(CaseloadColumn::Rag), Input::SortBy(before)]);
    }
    let key = report(&label, "key press to drawn frame", &keys);
    let list = (!lists.is_empty()).then(|| {
        report(
            &label,
            "key press to the frame with the list it asked for (worked out in the background)",
            &lists,
        )
    });
    if !answers.is_empty() {
        report(
            &label,
            "an answer from the background (caseload columns, a list) taken in and drawn",
            &answers,
        );
    }
    let sorted = sorts.first().map(|sorted| {
        println!(
            "  {label}: sorted by RAG (a standing a person, in the background), key to the frame with the sorted list {:.1} ms (cpu on this thread {:.1} ms; no target)",
            ms(sorted.wall),
            ms(sorted.cpu)
        );
        format!("{:.1}", ms(sorted.wall))
    });
    let peak = peak_memory_mb();
    println!(
        "  {label}: peak memory (VmHWM) {peak:.1} MB  ({} the {MEMORY_TARGET_MB} MB target)",
        verdict(peak < MEMORY_TARGET_MB)
    );
    let within = first.wall < FIRST_FRAME_TARGET && key.1 < KEY_TARGET && peak < MEMORY_TARGET_MB;
    println!(
        "{SUMMARY_MARK}{label} | {:.1} | {:.2} | {:.2} | {} | {} | {peak:.1} | {} |",
        ms(first.wall),
        ms(key.0),
        ms(key.1),
        list.map_or("-".to_string(), |l| format!("{:.1}", ms(l.1))),
        sorted.unwrap_or_else(|| "-".to_string()),
        if within { "within" } else { "OVER" }
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// What the app is sent: a key, or a click that switches the list of
/// people between by name and next check-in first.
#[derive(Debug, Clone, Copy)]
enum Input {
    Key(KeyCode),
    OtherOrder,
    /// As a click on a column's header.
    SortBy(CaseloadColumn),
}

fn key_inputs<const N: usize>(codes: [KeyCode; N]) -> Vec<Input> {
    codes.into_iter().map(Input::Key).collect()
}

/// Moving through the list, its order switched and a name typed to narrow it.
fn list_keys() -> Vec<Input> {
    let mut inputs = Vec::new();
    for _ in 0..10 {
        inputs.extend(key_inputs([KeyCode::Down; 5]));
        inputs.extend(key_inputs([KeyCode::PageDown; 3]));
        inputs.extend(key_inputs([KeyCode::End]));
        inputs.extend(key_inputs([KeyCode::Up; 3]));
        inputs.extend(key_inputs([KeyCode::PageUp; 2]));
        inputs.extend(key_inputs([KeyCode::Home]));
        inputs.push(Input::OtherOrder);
        inputs.extend(key_inputs([KeyCode::Down, KeyCode::PageDown, KeyCode::End]));
        inputs.push(Input::OtherOrder);
    }
    inputs.extend(key_inputs([
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
    ]));
    inputs
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

/// Prints the spread of `timings` and returns the wall-clock p50 and p99.
fn report(label: &str, what: &str, timings: &[Timing]) -> (Duration, Duration) {
    let sorted = |pick: fn(&Timing) -> Duration| {
        let mut values: Vec<Duration> = timings.iter().map(pick).collect();
        values.sort();
        values
    };
    let (wall, cpu) = (sorted(|t| t.wall), sorted(|t| t.cpu));
    let at = |values: &[Duration], share: f64| values[((values.len() - 1) as f64 * share) as usize];
    println!(
        "  {label}: {what}, {} times: p50 {:.3?}  p99 {:.3?}  max {:.3?}  (cpu p50 {:.3?}  p99 {:.3?}  max {:.3?})",
        wall.len(),
        at(&wall, 0.5),
        at(&wall, 0.99),
        at(&wall, 1.0),
        at(&cpu, 0.5),
        at(&cpu, 0.99),
        at(&cpu, 1.0),
    );
    (at(&wall, 0.5), at(&wall, 0.99))
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
