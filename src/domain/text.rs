//! Text a person types, checked before it is stored: trimmed, bounded, and
//! free of control characters that could reach a terminal raw.

/// A name (of a person or employer): one line, 1 to 100 characters.
pub fn check_name(name: &str) -> Result<&str, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("cannot be empty".into());
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(format!(
            "cannot contain control characters (found U+{:04X})",
            c as u32
        ));
    }
    if name.chars().count() > 100 {
        return Err("can be at most 100 characters".into());
    }
    Ok(name)
}

/// Free text (a note, a description): may span lines and hold tabs, but no
/// other control characters; at most `max_chars`.
pub fn check_text(text: &str, max_chars: usize) -> Result<&str, String> {
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(format!(
            "cannot contain control characters (found U+{:04X})",
            c as u32
        ));
    }
    if text.chars().count() > max_chars {
        return Err(format!("can be at most {max_chars} characters"));
    }
    Ok(text.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_control_characters_refused() {
        assert_eq!(check_name("  Amy Clark "), Ok("Amy Clark"));
        assert!(check_name("   ").is_err());
        assert!(check_name("Amy\u{1b}[31m").unwrap_err().contains("U+001B"));
    }

    #[test]
    fn notes_keep_lines_and_tabs_but_not_escapes() {
        assert_eq!(
            check_text("line one\n\tline two\n", 100),
            Ok("line one\n\tline two")
        );
        assert!(check_text("red \u{1b}[31m", 100).is_err());
        assert!(check_text("abc", 2).is_err());
    }
}
