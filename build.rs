//! Prepares each bundled framework file (`standard/*.yaml`) as JSON, which
//! loads many times faster than YAML: every command about one person reads
//! its framework once, and parsing YAML was a noticeable part of its time.
//! A file that does not parse is left unprepared, so the run reads its
//! YAML and reports the problem with its line and column as for any file.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=standard");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let entries = std::fs::read_dir("standard").expect("the standard folder is readable");
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            prepare(&path, Path::new(&out));
        }
    }
}

fn prepare(yaml: &Path, out: &Path) {
    let text = std::fs::read_to_string(yaml).unwrap_or_default();
    let json = serde_yaml::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|value| serde_json::to_string(&value).ok())
        .unwrap_or_default();
    let name = yaml.file_stem().unwrap_or_default().to_string_lossy();
    std::fs::write(out.join(format!("{name}.json")), json).expect("OUT_DIR is writable");
}
