//! The app at a training provider's scale, driven by keys: start to first
//! frame, key press to drawn frame (p50, p99), and peak memory. Generates
//! the provider-sized database with the real binary first (in a child
//! process, so its memory is not counted). Run with
//! `cargo bench --bench tui_keys`.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::Clock;
use pcso_tracker::store::Store;
use pcso_tracker::tui::{Launch, prepare, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::process::Command;
use std::time::{Duration, Instant};

const FIRST_FRAME_TARGET: Duration = Duration::from_millis(50);
const KEY_TARGET: Duration = Duration::from_millis(2);
const MEMORY_TARGET_MB: f64 = 30.0;
const SIZE: (u16, u16) = (120, 40);

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("provider.db");
    let status = Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", "2026-11-21", "--db"])
        .arg(&db)
        .args(["demo", "--scale", "provider"])
        .output()
        .expect("generate the provider-scale database");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    println!(
        "tui on the provider-scale database (2,000 enrolments, 400,000 evidence items), {}x{}",
        SIZE.0, SIZE.1
    );
    for who in ["1000", "Assessor 01 Ahmed"] {
        drive(&db, who);
    }
    let peak = peak_memory_mb();
    let verdict = if peak < MEMORY_TARGET_MB {
        "within"
    } else {
        "OVER"
    };
    println!(
        "  peak memory (VmHWM) of this process: {peak:.1} MB  ({verdict} the {MEMORY_TARGET_MB} MB target)"
    );
}

fn drive(db: &std::path::Path, who: &str) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let launch = Launch {
        clock: Clock::as_of(today),
        acting_as: Some(who.to_string()),
    };
    let started = Instant::now();
    let mut store = Store::open(db).expect("open");
    let registry = Registry::load(None).expect("frameworks");
    let mut app = prepare(&store, registry, &launch, SIZE).expect("prepare");
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    terminal
        .draw(|frame| view::draw(frame, &app))
        .expect("draw");
    let first = started.elapsed();
    let verdict = if first < FIRST_FRAME_TARGET {
        "within"
    } else {
        "OVER"
    };
    println!(
        "  as {who}: start to first frame {first:.2?}  ({verdict} the {FIRST_FRAME_TARGET:?} target)"
    );

    // Open someone when starting on a caseload, then walk every screen.
    let mut keys: Vec<KeyCode> = Vec::new();
    if who.starts_with("Assessor") {
        keys.extend([KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    }
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
    let mut timings = Vec::with_capacity(keys.len());
    for code in keys {
        let start = Instant::now();
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(action) = update::action_for_event(&app, &event) {
            update::update(&mut app, &mut store, action);
        }
        terminal
            .draw(|frame| view::draw(frame, &app))
            .expect("draw");
        timings.push(start.elapsed());
    }
    timings.sort();
    let at = |share: f64| timings[((timings.len() - 1) as f64 * share) as usize];
    let verdict = if at(0.99) < KEY_TARGET {
        "within"
    } else {
        "OVER"
    };
    println!(
        "  as {who}: key press to drawn frame over {} keys: p50 {:.3?}  p99 {:.3?}  max {:.3?}  ({verdict} the {KEY_TARGET:?} p99 target)",
        timings.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
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
