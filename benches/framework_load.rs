//! Loading and validating the bundled framework files: parse, check, build
//! the model. Prints timings; run with `cargo bench --bench framework_load`.

use pcso_tracker::framework::{BUNDLED, load_str};
use std::hint::black_box;
use std::time::{Duration, Instant};

const WARM_UP: usize = 50;
const RUNS: usize = 2_000;
/// What loading the default framework may cost, so startup stays instant.
const TARGET: Duration = Duration::from_millis(2);

fn main() {
    println!("framework load + validate, {RUNS} runs each");
    for bundled in BUNDLED {
        let mut timings = Vec::with_capacity(RUNS);
        for run in 0..WARM_UP + RUNS {
            let start = Instant::now();
            let framework = load_str(bundled.file_name, bundled.text);
            let elapsed = start.elapsed();
            if let Err(error) = black_box(framework) {
                eprintln!("{error}");
                std::process::exit(1);
            }
            if run >= WARM_UP {
                timings.push(elapsed);
            }
        }
        timings.sort();
        let at = |share: f64| timings[((timings.len() - 1) as f64 * share) as usize];
        let verdict = if at(0.5) < TARGET { "within" } else { "OVER" };
        println!(
            "  {:<28} {:>6} bytes  min {:>9.3?}  median {:>9.3?}  p99 {:>9.3?}  ({verdict} the {TARGET:?} target)",
            bundled.file_name,
            bundled.text.len(),
            at(0.0),
            at(0.5),
            at(0.99),
        );
    }
}
