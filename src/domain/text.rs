//! Text a person types, checked before it is stored: trimmed, bounded, and
//! free of control characters that could reach a terminal raw; dates as
//! YYYY-MM-DD within a sane range of years.

use chrono::NaiveDate;

/// A name (of a person or employer): one line, 1 to 100 characters.
pub fn check_name(name: &str) -> Result<&str, String> {
    check_line(name, 100)
}

/// Where evidence is kept (a file path or document reference): one line of
/// at most 1024 characters, or nothing.
pub fn check_file_ref(text: &str) -> Result<Option<&str>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    check_line(text, 1024).map(Some)
}

/// One line of 1 to `max_chars` characters, trimmed, without control
/// characters.
fn check_line(text: &str, max_chars: usize) -> Result<&str, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("cannot be empty".into());
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(format!(
            "cannot contain control characters (found U+{:04X})",
            c as u32
        ));
    }
    if text.chars().count() > max_chars {
        return Err(format!("can be at most {max_chars} characters"));
    }
    Ok(text)
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

/// `text` with every control character replaced by a visible escape, so
/// text from users or files never drives the terminal it is shown on.
pub fn visible(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Text meant for a terminal, several lines long: `visible` line by line,
/// keeping the line breaks and tabs that lay it out.
pub fn visible_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| line.split('\t').map(visible).collect::<Vec<_>>().join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Earliest and latest years accepted: anything outside is a typing slip.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Parses YYYY-MM-DD, refusing impossible dates and far-off years.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01"))?;
    if !YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err(format!(
            "`{text}` is out of range: years from {} to {} are accepted",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
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
    fn a_file_reference_is_one_bounded_line() {
        assert_eq!(
            check_file_ref(" docs/panel.pdf "),
            Ok(Some("docs/panel.pdf"))
        );
        assert_eq!(check_file_ref("  "), Ok(None));
        assert!(
            check_file_ref("a\u{1b}[2Jb")
                .unwrap_err()
                .contains("U+001B")
        );
        assert!(check_file_ref("a\nb").is_err());
        assert!(check_file_ref(&"x".repeat(1024)).is_ok());
        assert!(
            check_file_ref(&"x".repeat(1025))
                .unwrap_err()
                .contains("at most 1024")
        );
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

    #[test]
    fn escapes_are_made_visible_and_layout_kept() {
        assert_eq!(visible("red \u{1b}[31m"), "red \\u{1b}[31m");
        assert_eq!(visible("a\nb"), "a\\nb");
        assert_eq!(
            visible_lines("| \u{1b}]0;x\u{7} |\n\tnext\r\n"),
            "| \\u{1b}]0;x\\u{7} |\n\tnext\\r\n"
        );
        assert_eq!(visible_lines("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn dates_are_iso_real_and_in_range() {
        assert!(parse_date("2026-02-28").is_ok());
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2026-02-29").unwrap_err().contains("not a date"));
        assert!(parse_date("01/02/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse_date("0026-02-01")
                .unwrap_err()
                .contains("out of range")
        );
    }
}
