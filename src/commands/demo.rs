//! `demo`: sample data, refused over existing people unless `--force`.

use super::{CommandError, Context};
use crate::cli::DemoScale;
use crate::ops::DEMO_ADMINISTRATOR;
use crate::store::provider_scale;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(
    context: &Context,
    force: bool,
    scale: Option<(DemoScale, usize)>,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    let (mut store, registry) = (context.open_store()?, context.registry()?);
    let path = store.path().to_path_buf();
    match scale {
        None => {
            let added = context.ops(&mut store, &registry)?.load_demo(force)?;
            writeln!(
                out,
                "added the sample caseload to {} (as of {}):",
                path.display(),
                context.today()
            )?;
            writeln!(out, "  administrator {DEMO_ADMINISTRATOR}")?;
            writeln!(out, "  assessor Sam Patel")?;
            for person in added {
                writeln!(out, "  {person}")?;
            }
        }
        Some((DemoScale::Provider, times)) => {
            let started = Instant::now();
            let mut bar = ProgressBar::new();
            let sample = context.ops(&mut store, &registry)?.load_provider_scale(
                force,
                times,
                &mut |done, total| bar.show(done, total),
            )?;
            bar.finish();
            writeln!(
                out,
                "generated {} enrolments, {} evidence items and {} sealed check-ins in {} in {:.1} s",
                sample.enrolments,
                sample.evidence,
                sample.sealed_checkins,
                path.display(),
                started.elapsed().as_secs_f64()
            )?;
            writeln!(
                out,
                "  {} has a caseload of {}",
                provider_scale::large_caseload_assessor(),
                provider_scale::LARGE_CASELOAD
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Progress on stderr: a redrawn bar on a terminal, a line per tenth elsewhere.
struct ProgressBar {
    terminal: bool,
    last_tenth: usize,
}

impl ProgressBar {
    fn new() -> Self {
        ProgressBar {
            terminal: std::io::stderr().is_terminal(),
            last_tenth: 0,
        }
    }

    fn show(&mut self, done: usize, total: usize) {
        let percent = done * 100 / total.max(1);
        if self.terminal {
            let filled = percent / 5;
            eprint!(
                "\r[{}{}] {percent:>3}%  {done} of {total} enrolments",
                "#".repeat(filled),
                ".".repeat(20 - filled)
            );
        } else if percent / 10 > self.last_tenth {
            self.last_tenth = percent / 10;
            eprintln!("{percent}% ({done} of {total} enrolments)");
        }
    }

    fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}
