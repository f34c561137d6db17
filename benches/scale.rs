//! The command line at 1× and 10× the provider scale, against the `sqlite3`
//! shell running the same statements on the same file. Run with
//! `cargo bench --bench scale`.
//!
//! Each database is generated once by the real binary
//! (`demo --scale provider --times N`) and kept in
//! `<target>/bench-cache/provider-{N}x-schema{SCHEMA_VERSION}.db`, reused
//! while present. Each command runs once with `PCSO_TRACKER_SQL_LOG` set, so
//! the statements it ran, with their bound values written in, are what the
//! shell is timed on: the floor. Then both are timed as whole processes, in
//! turn, and the median is kept; peak memory is the maximum resident set
//! of one more run of each, under `/usr/bin/time -f %M`.
//!
//! Then the same rows on PostgreSQL, where a server is installed: a
//! throwaway cluster on a unix socket, each cached database copied into it
//! with `copy`; the statements are captured from the server's log
//! (`log_statement = all`) and `psql` running them over the same socket is
//! the floor. `backup` works on files only and is left out there.
//!
//! `PCSO_SCALE_TIMES=1,10` chooses the sizes on SQLite and
//! `PCSO_SCALE_PG_TIMES=1` on PostgreSQL (empty: none);
//! `PCSO_SCALE_SECONDS=3` the time spent timing each command at each size.

#[path = "common/cache.rs"]
mod cache;
#[path = "common/server.rs"]
mod server;

use pcso_tracker::store::SQL_LOG_ENV;
use pcso_tracker::store::postgres::TempCluster;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_pcso-tracker");
const SHELL: &str = "/usr/bin/sqlite3";
const TIME: &str = "/usr/bin/time";
const TODAY: &str = "2026-11-21";
/// The assessor with the 500-apprentice caseload.
const ASSESSOR: &str = "Assessor 01 Ahmed";

/// What a row is held to.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    /// Within 1.2× of the floor at every size, and growing between sizes no
    /// more than the floor does (to within 20%): the same statements cost
    /// what the file's depth makes them cost, and nothing more.
    PerPerson,
    /// Within 2× of the floor, and linear in the number of sealed check-ins.
    Verify,
    /// Within 1.3× of the floor.
    Whole,
}

impl Target {
    /// On a server, a person's report is held to 2x `psql`: the app
    /// prepares each statement before running it, which `psql` does not.
    fn ratio(self, on_server: bool) -> f64 {
        match self {
            Target::PerPerson if on_server => 2.0,
            Target::PerPerson => 1.2,
            Target::Verify => 2.0,
            Target::Whole => 1.3,
        }
    }

    fn describe(self, on_server: bool) -> &'static str {
        match self {
            Target::PerPerson if on_server => "<=2x floor; grows no more than the floor (x1.2)",
            Target::PerPerson => "<=1.2x floor; grows no more than the floor (x1.2)",
            Target::Verify => "<=2x floor, linear in sealed check-ins",
            Target::Whole => "<=1.3x floor",
        }
    }
}

/// One command line to time.
struct Case {
    label: String,
    args: Vec<String>,
    target: Target,
    /// A file the command creates, removed before each run.
    creates: Option<PathBuf>,
}

/// The person the per-person commands are about, chosen alike at each size.
struct Subject {
    id: i64,
    name: String,
    checkin: i64,
}

/// A database at one size.
struct Sized {
    times: usize,
    /// The SQLite file, or on a server the database's URL.
    path: PathBuf,
    sealed: i64,
    people: i64,
    megabytes: u64,
}

/// Wall time and peak memory of one run.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    peak_kb: i64,
}

/// The medians of one command at one size.
struct Measured {
    app: Run,
    floor: Run,
    runs: usize,
    statements: usize,
}

impl Measured {
    fn ratio(&self) -> f64 {
        self.app.wall.as_secs_f64() / self.floor.wall.as_secs_f64()
    }
}

fn sizes(variable: &str, default: &str) -> Vec<usize> {
    std::env::var(variable)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter(|n| !n.trim().is_empty())
        .map(|n| {
            n.trim()
                .parse()
                .unwrap_or_else(|_| panic!("{variable}: numbers, e.g. 1,10"))
        })
        .collect()
}

fn main() {
    let seconds: f64 = std::env::var("PCSO_SCALE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    for needed in [SHELL, TIME] {
        assert!(Path::new(needed).exists(), "{needed} is needed");
    }
    let work = tempfile::tempdir().expect("temp dir");
    let files: Vec<Sized> = sizes("PCSO_SCALE_TIMES", "1,10")
        .into_iter()
        .map(cached_database)
        .collect();
    if !files.is_empty() {
        println!("SQLite (sqlite3 shell as the floor)");
        run_sizes(files, work.path(), seconds, None);
    }
    let on_server = sizes("PCSO_SCALE_PG_TIMES", "1");
    if on_server.is_empty() {
        return;
    }
    let cluster = match TempCluster::start() {
        Ok(Some(cluster)) => cluster,
        Ok(None) => {
            println!("PostgreSQL: no server installed, so its rows were skipped");
            return;
        }
        Err(error) => panic!("cannot start a PostgreSQL server: {error}"),
    };
    let databases = on_server
        .into_iter()
        .map(|times| {
            let file = cached_database(times);
            Sized {
                path: server::copied_database(BINARY, &cluster, &file.path),
                ..file
            }
        })
        .collect();
    println!();
    println!("PostgreSQL over a unix socket (psql as the floor)");
    run_sizes(databases, work.path(), seconds, Some(&cluster));
}

/// Times every command at each size, prints each row as it is measured,
/// then the table.
fn run_sizes(databases: Vec<Sized>, work: &Path, seconds: f64, cluster: Option<&TempCluster>) {
    let mut cases_by_size: Vec<Vec<Case>> = Vec::new();
    for sized in &databases {
        println!(
            "{}x provider scale: {} people, {} sealed check-ins, {} MB ({})",
            sized.times,
            sized.people,
            sized.sealed,
            sized.megabytes,
            sized.path.display()
        );
        let file = cache::cached_database(BINARY, TODAY, sized.times);
        cases_by_size.push(cases(&subject(&file), work, cluster.is_some()));
    }
    // Each command is timed at every size in turn, run after run, so a
    // spell of load on the machine falls on every size alike.
    let mut measured_by_size: Vec<Vec<Measured>> = databases.iter().map(|_| Vec::new()).collect();
    for row in 0..cases_by_size[0].len() {
        let at_sizes: Vec<(&Case, &Path)> = cases_by_size
            .iter()
            .zip(&databases)
            .map(|(cases, sized)| (&cases[row], sized.path.as_path()))
            .collect();
        for (at, measured) in measure(&at_sizes, work, seconds, cluster)
            .into_iter()
            .enumerate()
        {
            println!(
                "  {:>3}x {:<40} {:>9.1} ms  floor {:>9.1} ms  {:>5.2}x  {:>6.1} MB (floor {:.1} MB)  ({} runs, {} statements)",
                databases[at].times,
                at_sizes[at].0.label,
                ms(measured.app.wall),
                ms(measured.floor.wall),
                measured.ratio(),
                mb(measured.app.peak_kb),
                mb(measured.floor.peak_kb),
                measured.runs,
                measured.statements
            );
            measured_by_size[at].push(measured);
        }
    }
    let results: Vec<(Sized, Vec<(Case, Measured)>)> = databases
        .into_iter()
        .zip(cases_by_size.into_iter().zip(measured_by_size))
        .map(|(sized, (cases, measured))| (sized, cases.into_iter().zip(measured).collect()))
        .collect();
    print_table(&results, cluster.is_some());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb(kb: i64) -> f64 {
    kb as f64 / 1024.0
}

/// The database at `times` the provider scale, generated on first use.
fn cached_database(times: usize) -> Sized {
    let path = cache::cached_database(BINARY, TODAY, times);
    let connection = read_only(&path);
    let count = |sql: &str| -> i64 {
        connection
            .query_row(sql, [], |row| row.get(0))
            .expect("count")
    };
    Sized {
        times,
        sealed: count("SELECT count(*) FROM checkin WHERE state <> 'draft'"),
        people: count("SELECT count(*) FROM person"),
        megabytes: std::fs::metadata(&path).map_or(0, |m| m.len() / 1_000_000),
        path,
    }
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open read-only")
}

/// The first apprentice, by check-in id, whose last check-in was amended and
/// whose name is theirs alone: the same person at every size.
fn subject(path: &Path) -> Subject {
    read_only(path)
        .query_row(
            "SELECT p.id, p.name, c.id FROM checkin c
             JOIN enrolment e ON e.id = c.enrolment_id JOIN person p ON p.id = e.person_id
             WHERE c.amends_id IS NOT NULL
               AND (SELECT count(*) FROM person q WHERE q.name = p.name COLLATE NOCASE) = 1
             ORDER BY c.id LIMIT 1",
            [],
            |row| {
                Ok(Subject {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    checkin: row.get(2)?,
                })
            },
        )
        .expect("an apprentice with an amended check-in")
}

fn cases(subject: &Subject, work: &Path, on_server: bool) -> Vec<Case> {
    let id = subject.id.to_string();
    let name = subject.name.as_str();
    let per_person = |label: String, args: &[&str]| Case {
        label,
        args: args.iter().map(|a| a.to_string()).collect(),
        target: Target::PerPerson,
        creates: None,
    };
    let mut cases = Vec::new();
    for (how, who) in [("id", id.as_str()), ("name", name)] {
        cases.push(per_person(format!("report P (by {how})"), &["report", who]));
        cases.push(per_person(
            format!("report P --format json (by {how})"),
            &["report", who, "--format", "json"],
        ));
        cases.push(per_person(
            format!("checkin list P (by {how})"),
            &["checkin", "list", who],
        ));
        cases.push(per_person(
            format!("apprentice show P (by {how})"),
            &["apprentice", "show", who],
        ));
    }
    cases.push(per_person(
        "checkin show ID".into(),
        &["checkin", "show", &subject.checkin.to_string()],
    ));
    let whole = |label: &str, args: &[&str], target: Target| Case {
        label: label.into(),
        args: args.iter().map(|a| a.to_string()).collect(),
        target,
        creates: None,
    };
    cases.push(whole("verify", &["verify"], Target::Verify));
    cases.push(whole("report --all", &["report", "--all"], Target::Whole));
    cases.push(whole(
        "report --all --as ASSESSOR",
        &["--as", ASSESSOR, "report", "--all"],
        Target::Whole,
    ));
    cases.push(whole(
        "apprentice list",
        &["apprentice", "list"],
        Target::Whole,
    ));
    if on_server {
        return cases;
    }
    let backup = work.join("backup.db");
    cases.push(Case {
        label: "backup".into(),
        args: vec!["backup".into(), backup.display().to_string()],
        target: Target::Whole,
        creates: Some(backup),
    });
    cases
}

fn app_command(case: &Case, db: &Path) -> Command {
    let mut command = Command::new(BINARY);
    command
        .args(["--today", TODAY, "--db"])
        .arg(db)
        .args(&case.args);
    command
}

/// What the app's statements are timed with: `psql` on a server, else
/// the `sqlite3` shell.
fn shell_command(db: &Path, sql: &Path) -> Command {
    if server::is_server(db) {
        return server::psql_command(db, sql);
    }
    let mut command = Command::new(SHELL);
    command
        .arg("-batch")
        .arg(db)
        .arg(format!(".read {}", sql.display()));
    command
}

/// Removes what a command creates, so each run starts alike.
fn clean(case: &Case) {
    if let Some(created) = &case.creates {
        let _ = std::fs::remove_file(created);
    }
}

/// Captures the statements at each size, checks both sides succeed, then
/// times them in turn, size after size, for about `seconds` in all.
fn measure(
    at_sizes: &[(&Case, &Path)],
    work: &Path,
    seconds: f64,
    cluster: Option<&TempCluster>,
) -> Vec<Measured> {
    let mut prepared = Vec::new();
    let mut each = 0.0;
    for (at, (case, db)) in at_sizes.iter().enumerate() {
        let log = work.join(format!("statements-{at}.sql"));
        let sql = match cluster {
            Some(cluster) => capture_on_server(case, db, &log, cluster),
            None => capture(case, db, &log),
        };
        let statements = std::fs::read_to_string(&sql)
            .map(|text| text.lines().filter(|l| l.ends_with(';')).count())
            .unwrap_or(0);
        clean(case);
        let first = run_checked(app_command(case, db), &case.label);
        clean(case);
        let first_floor = run_checked(shell_command(db, &sql), "the floor");
        each += (first.wall + first_floor.wall).as_secs_f64();
        prepared.push((sql, statements));
    }
    let runs = ((seconds / each).round() as usize).clamp(3, 25);
    let mut walls: Vec<(Vec<Run>, Vec<Run>)> =
        at_sizes.iter().map(|_| Default::default()).collect();
    for _ in 0..runs {
        for (at, (case, db)) in at_sizes.iter().enumerate() {
            clean(case);
            walls[at].0.push(timed(app_command(case, db)));
            clean(case);
            walls[at].1.push(timed(shell_command(db, &prepared[at].0)));
        }
    }
    at_sizes
        .iter()
        .zip(prepared)
        .zip(walls)
        .map(|(((case, db), (sql, statements)), (app, floor))| {
            clean(case);
            let app_peak = peak_memory(&app_command(case, db), work);
            clean(case);
            let floor_peak = peak_memory(&shell_command(db, &sql), work);
            clean(case);
            Measured {
                app: Run {
                    peak_kb: app_peak,
                    ..median(&app)
                },
                floor: Run {
                    peak_kb: floor_peak,
                    ..median(&floor)
                },
                runs,
                statements,
            }
        })
        .collect()
}

/// Runs the command once with the statement log on, and returns the file
/// of statements for the shell.
fn capture(case: &Case, db: &Path, log: &Path) -> PathBuf {
    let log = log.to_path_buf();
    let _ = std::fs::remove_file(&log);
    clean(case);
    let mut command = app_command(case, db);
    command.env(SQL_LOG_ENV, &log);
    run_checked(command, &case.label);
    let mut sql = std::fs::read_to_string(&log).expect("the statements were recorded");
    if let Some(created) = &case.creates {
        sql = vacuum_into(&sql, created);
    }
    std::fs::write(&log, sql).expect("write the statements");
    log
}

/// Runs the command once with every statement logged by the server, and
/// returns the file of those statements for `psql`.
fn capture_on_server(case: &Case, db: &Path, file: &Path, cluster: &TempCluster) -> PathBuf {
    let from = server::log_length(cluster);
    run_checked(app_command(case, &server::logging(db)), &case.label);
    // The server writes its log a moment after the statements end.
    std::thread::sleep(Duration::from_millis(200));
    let sql = server::statements(&server::log_since(cluster, from));
    assert!(!sql.is_empty(), "no statements were logged");
    std::fs::write(file, sql).expect("write the statements");
    file.to_path_buf()
}

/// `backup` writes under a name unique to its process: the shell writes
/// to the target instead, as the rename afterwards costs nothing to time.
fn vacuum_into(sql: &str, target: &Path) -> String {
    sql.lines()
        .map(|line| {
            if line.starts_with("VACUUM INTO '") {
                format!("VACUUM INTO '{}';", target.display())
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs once, keeping the output, and insists it succeeded quietly.
fn run_checked(mut command: Command, what: &str) -> Run {
    let started = Instant::now();
    let output = command.output().expect("the command runs");
    let wall = started.elapsed();
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && errors.trim().is_empty(),
        "{what} failed: {errors}"
    );
    assert!(!output.stdout.is_empty(), "{what} printed nothing");
    Run { wall, peak_kb: 0 }
}

/// One whole-process run, its output discarded.
fn timed(mut command: Command) -> Run {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let started = Instant::now();
    let status = command.status().expect("the command starts");
    let wall = started.elapsed();
    assert!(status.success(), "a timed run failed");
    Run { wall, peak_kb: 0 }
}

/// The command's peak resident memory in KB, from `/usr/bin/time`: a child
/// started straight from this process would report this process's own
/// memory as its peak (Linux keeps the high-water mark across `exec`),
/// while `time` is small.
fn peak_memory(command: &Command, work: &Path) -> i64 {
    let report = work.join("peak.txt");
    let status = Command::new(TIME)
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(command.get_program())
        .args(command.get_args())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run /usr/bin/time");
    assert!(status.success(), "a run under {TIME} failed");
    std::fs::read_to_string(&report)
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .expect("time reports the peak")
}

fn median(runs: &[Run]) -> Run {
    let mut walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    walls.sort();
    Run {
        wall: walls[walls.len() / 2],
        peak_kb: 0,
    }
}

/// One line per command: each size, then the verdict against its target.
fn print_table(results: &[(Sized, Vec<(Case, Measured)>)], on_server: bool) {
    let Some((smallest, first)) = results.first() else {
        return;
    };
    println!();
    let mut header = format!("| {:<38} |", "command");
    for (sized, _) in results {
        header += &format!(" {}x ms | floor ms | ratio | peak MB |", sized.times);
    }
    if results.len() > 1 {
        header += " largest/smallest |";
    }
    header += " target | verdict |";
    println!("{header}");
    println!("|{}", "---|".repeat(header.matches('|').count() - 1));
    for (row, (case, _)) in first.iter().enumerate() {
        let mut line = format!("| {:<38} |", format!("`{}`", case.label));
        let mut ok = true;
        for (_, measured) in results {
            let m = &measured[row].1;
            ok &= m.ratio() <= case.target.ratio(on_server);
            line += &format!(
                " {:.1} | {:.1} | {:.2}x | {:.1} |",
                ms(m.app.wall),
                ms(m.floor.wall),
                m.ratio(),
                mb(m.app.peak_kb)
            );
        }
        if let Some((largest, last)) = results.last().filter(|_| results.len() > 1) {
            let growth = ms(last[row].1.app.wall) / ms(first[row].1.app.wall);
            let floor_growth = ms(last[row].1.floor.wall) / ms(first[row].1.floor.wall);
            ok &= match case.target {
                Target::PerPerson => growth <= 1.2 * floor_growth.max(1.0),
                // Linear: growing no faster than the sealed check-ins do.
                Target::Verify => growth <= 1.2 * largest.sealed as f64 / smallest.sealed as f64,
                Target::Whole => true,
            };
            line += &format!(" {growth:.2}x (floor {floor_growth:.2}x) |");
        }
        let verdict = if ok { "ok" } else { "MISS" };
        line += &format!(" {} | {verdict} |", case.target.describe(on_server));
        println!("{line}");
    }
}
