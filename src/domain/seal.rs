//! Sealing a signed check-in: a SHA-256 over its canonical content and over
//! the previous sealed check-in's seal, so each apprentice's reviews form a
//! chain in which any later edit shows.

use sha2::{Digest, Sha256};

/// The seal of `canonical` content following `previous` (none for the first).
pub fn seal(previous: Option<&str>, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.unwrap_or("").as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_changes_with_the_content_and_with_the_chain() {
        let first = seal(None, "content");
        assert_eq!(first.len(), 64);
        assert_eq!(first, seal(None, "content"));
        assert_ne!(first, seal(None, "content!"));
        assert_ne!(seal(Some(&first), "next"), seal(None, "next"));
    }
}
