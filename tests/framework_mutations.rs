//! The bundled framework files, damaged at random (byte flips, cuts, repeated
//! lines and so duplicated keys, truncation, huge strings, deep nesting,
//! aliases): the loader never panics, answers quickly, and always says what
//! is wrong.

use pcso_tracker::framework::{BUNDLED, load_str};

/// A small deterministic generator, so a failure can be replayed by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(bytes.len());
        match rng.below(8) {
            0 => bytes[at] = rng.next() as u8,
            1 => {
                let end = (at + rng.below(200)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => bytes.truncate(at),
            3 => {
                let start = bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |i| at + i + 1);
                let line = bytes[start..end].to_vec();
                bytes.splice(start..start, line);
            }
            4 => bytes.insert(at, b"[{:-&*!|>#'\"\t"[rng.below(13)]),
            // A huge string where a value starts.
            5 => {
                let huge = "w".repeat(50_000 + rng.below(50_000));
                bytes.splice(at..at, huge.into_bytes());
            }
            // Deep nesting.
            6 => {
                let depth = 1 + rng.below(5_000);
                let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
                bytes.splice(at..at, nested.into_bytes());
            }
            // An anchor and aliases to it.
            _ => {
                let alias = format!("&a{at} [x, y]\n  - *a{at}\n  - *a{at}\n");
                bytes.splice(at..at, alias.into_bytes());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn damaged_framework_files_are_refused_with_a_message_never_a_panic() {
    let mut refused = 0;
    let mut placed = 0;
    for bundled in BUNDLED {
        for seed in 1..=400u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let text = mutate(bundled.text, &mut rng);
            if let Err(error) = load_str("damaged.yaml", &text) {
                refused += 1;
                assert!(!error.diagnostics.is_empty(), "seed {seed}: no diagnostics");
                for diagnostic in &error.diagnostics {
                    let rendered = diagnostic.render("damaged.yaml");
                    assert!(
                        !diagnostic.message.trim().is_empty(),
                        "seed {seed}: {rendered}"
                    );
                    // Only a file with nothing left in it has no line to point at.
                    let nothing_left =
                        rendered.contains("is empty") || rendered.contains("no YAML value");
                    assert!(
                        diagnostic.position.is_some() || nothing_left,
                        "seed {seed}: {rendered}"
                    );
                }
                if error.diagnostics.iter().all(|d| d.position.is_some()) {
                    placed += 1;
                }
            }
        }
    }
    println!(
        "800 damaged files: {refused} refused, {placed} with every problem at a line and column"
    );
    assert!(refused > 400, "most damage is detected, got {refused}");
}
