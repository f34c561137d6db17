//! Text from users or files, made safe to draw: control and escape
//! characters are shown escaped, never sent to the terminal raw.

/// `text` with every control character replaced by a visible escape.
pub use crate::domain::visible as clean;

/// One line of `text`: line breaks become spaces, then `clean`.
pub fn one_line(text: &str) -> String {
    clean(&text.replace(['\n', '\r'], " "))
}

/// Input typed by the user, with control characters other than line breaks
/// dropped before it is kept.
pub fn typed(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || c == '\n')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(clean("red \u{1b}[31m"), "red \\u{1b}[31m");
        assert_eq!(one_line("a\nb"), "a b");
        assert_eq!(typed("ok\u{7}\nyes"), "ok\nyes");
    }
}
