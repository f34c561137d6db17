//! A file kept with a piece of evidence: the name it had, its size and its
//! SHA-256, by which the store finds it and `verify` checks it.

use serde::Serialize;

/// What the record keeps of an attached file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// The file's own name, cleaned (`attachment_name`).
    pub name: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// The longest name kept, in characters.
const NAME_CHARS: usize = 255;

/// A file's name as recorded and shown: its last path part only, without
/// control characters, trimmed and bounded; "file" when nothing is left.
/// The name is only ever shown or written inside a folder the program
/// chooses, so it must not be able to name another place or move a cursor.
pub fn attachment_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    let clean: String = clean.trim().chars().take(NAME_CHARS).collect();
    match clean.trim() {
        "" | "." | ".." => "file".to_string(),
        name => name.to_string(),
    }
}

/// Whether `text` is a SHA-256 as the store names files: 64 lower-case hex digits.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_only_its_last_part_without_control_characters() {
        assert_eq!(attachment_name("/home/x/Report 1.pdf"), "Report 1.pdf");
        assert_eq!(attachment_name("..\\..\\evil.txt"), "evil.txt");
        assert_eq!(attachment_name("a\u{1b}[2Jb\n.txt"), "a[2Jb.txt");
        assert_eq!(attachment_name(".."), "file");
        assert_eq!(attachment_name("dir/"), "file");
        assert_eq!(attachment_name(&"x".repeat(300)).chars().count(), 255);
    }

    #[test]
    fn a_hash_is_64_lower_case_hex_digits() {
        assert!(is_sha256(&"0a".repeat(32)));
        assert!(!is_sha256(&"0A".repeat(32)));
        assert!(!is_sha256("../../etc/passwd"));
        assert!(!is_sha256(&"0".repeat(63)));
    }
}
