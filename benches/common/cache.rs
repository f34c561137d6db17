//! The provider-scale databases the benchmarks share, generated once by the
//! real binary (`demo --scale provider --times N`) and kept in
//! `<target>/bench-cache/provider-{N}x-schema{SCHEMA_VERSION}.db` while
//! the schema stays the same.

use pcso_tracker::store::SCHEMA_VERSION;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The database at `times` the provider scale, generated on first use
/// with `binary` as of `today`.
pub fn cached_database(binary: &str, today: &str, times: usize) -> PathBuf {
    let target = Path::new(binary)
        .parent()
        .and_then(Path::parent)
        .expect("the binary lies in <target>/<profile>/");
    let cache = target.join("bench-cache");
    std::fs::create_dir_all(&cache).expect("create the cache folder");
    let path = cache.join(format!("provider-{times}x-schema{SCHEMA_VERSION}.db"));
    if !path.exists() {
        generate(binary, today, &path, times);
    }
    path
}

/// Generates under a temporary name and renames when complete, so an
/// interrupted run never leaves a partial database in the cache.
fn generate(binary: &str, today: &str, path: &Path, times: usize) {
    let partial = path.with_extension("partial");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    println!("generating {} (once; later runs reuse it)", path.display());
    let started = Instant::now();
    let status = Command::new(binary)
        .args(["--today", today, "--db"])
        .arg(&partial)
        .args(["demo", "--scale", "provider", "--times", &times.to_string()])
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .expect("run demo");
    assert!(status.success(), "demo --scale provider failed");
    std::fs::rename(&partial, path).expect("name the generated database");
    println!("  generated in {:.1} s", started.elapsed().as_secs_f64());
}
